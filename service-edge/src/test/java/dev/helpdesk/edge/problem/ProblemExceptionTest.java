package dev.helpdesk.edge.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemExceptionTest {

    @Test
    void aReplayAlreadyRunningIsAConflictNamingTheRunningOneAndWhereToFollowIt() {
        ResponseEntity<ProblemDetail> answer = ProblemException.replayRunning("/api/admin/sla/replays", "r-1").toResponseEntity();

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getHeaders().getLocation()).isEqualTo(URI.create("/api/admin/sla/replays/r-1"));
        ProblemDetail problem = answer.getBody();
        assertThat(problem.getType()).isEqualTo(ProblemType.CONFLICT.uri());
        assertThat(problem.getProperties()).containsEntry("reason", "replay-running").containsEntry("replayId", "r-1");
        assertThat(problem.getDetail()).contains("r-1");
    }

    @Test
    void refiningARefusalKeepsWhatItHadAndAPlainOneHasNoLocation() {
        ProblemException refined = ProblemException.conflict("Busy.").withProperty("runId", "7")
                .withLocation(URI.create("/runs/7")).withReason("busy");

        assertThat(refined.toProblemDetail().getProperties()).containsEntry("runId", "7").containsEntry("reason", "busy");
        assertThat(refined.location()).isEqualTo(URI.create("/runs/7"));
        assertThat(ProblemException.notFound("No run 8.").toResponseEntity().getHeaders().getLocation()).isNull();
    }
}
