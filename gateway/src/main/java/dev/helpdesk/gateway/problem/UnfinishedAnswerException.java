package dev.helpdesk.gateway.problem;

/**
 * A service's answer to a command that the gateway could not pass on whole: the service closed the connection before
 * the end of its answer, or the answer was larger than the gateway holds. The command may have been applied.
 */
public class UnfinishedAnswerException extends RuntimeException {

    private final boolean tooLarge;

    private UnfinishedAnswerException(String message, boolean tooLarge, Throwable cause) {
        super(message, cause);
        this.tooLarge = tooLarge;
    }

    public static UnfinishedAnswerException cutOff(Throwable cause) {
        return new UnfinishedAnswerException("the service's answer ended before its end: " + cause, false, cause);
    }

    public static UnfinishedAnswerException tooLarge(int maxBytes, Throwable cause) {
        return new UnfinishedAnswerException("the service's answer is larger than " + maxBytes + " bytes", true, cause);
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
