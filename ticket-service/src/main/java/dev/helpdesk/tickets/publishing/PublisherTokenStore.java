package dev.helpdesk.tickets.publishing;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Kafka publisher's token store: every operation in a short transaction of its own. The publisher's processor
 * runs without a transaction (it waits for the broker between reading and moving its token), so the claim, its
 * extension and the token update each commit at once: the claim's {@code SELECT ... FOR UPDATE} still serialises
 * two instances, and no transaction stays open while records are on their way.
 */
final class PublisherTokenStore implements TokenStore {

    private final TokenStore delegate;
    private final TransactionTemplate transactions;

    PublisherTokenStore(TokenStore delegate, PlatformTransactionManager transactionManager) {
        this.delegate = delegate;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    private <T> T inTransaction(Supplier<T> work) {
        return transactions.execute(status -> work.get());
    }

    private void inTransaction(Runnable work) {
        transactions.executeWithoutResult(status -> work.run());
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) throws UnableToClaimTokenException {
        inTransaction(() -> delegate.initializeTokenSegments(processorName, segmentCount));
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken)
            throws UnableToClaimTokenException {
        inTransaction(() -> delegate.initializeTokenSegments(processorName, segmentCount, initialToken));
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) throws UnableToClaimTokenException {
        inTransaction(() -> delegate.storeToken(token, processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) throws UnableToClaimTokenException {
        return inTransaction(() -> delegate.fetchToken(processorName, segment));
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) throws UnableToClaimTokenException {
        return inTransaction(() -> delegate.fetchToken(processorName, segment));
    }

    @Override
    public void extendClaim(String processorName, int segment) throws UnableToClaimTokenException {
        inTransaction(() -> delegate.extendClaim(processorName, segment));
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        inTransaction(() -> delegate.releaseClaim(processorName, segment));
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        inTransaction(() -> delegate.initializeSegment(token, processorName, segment));
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        inTransaction(() -> delegate.deleteToken(processorName, segment));
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return inTransaction(() -> delegate.fetchSegments(processorName));
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return inTransaction(() -> delegate.fetchAvailableSegments(processorName));
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return inTransaction(delegate::retrieveStorageIdentifier);
    }
}
