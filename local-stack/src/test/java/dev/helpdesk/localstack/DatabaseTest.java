package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseTest {

    @TempDir
    Path dataDir;

    @Test
    void aSecondStartOnADataDirectoryInUseIsRefusedAndLeavesTheRunningServerAlone() throws Exception {
        try (Database first = Database.start(dataDir, Ports.findFree(), List.of("tickets"), List.of())) {
            long postmaster = Database.runningPostmaster(dataDir.resolve("postgres")).orElseThrow();

            assertThatThrownBy(() -> Database.start(dataDir, Ports.findFree(), List.of("tickets"), List.of()))
                    .hasMessageContaining("already runs on").hasMessageContaining("HELPDESK_DATA_DIR")
                    .hasMessageContaining(Long.toString(postmaster));

            Thread.sleep(1_000); // a watchdog released by mistake would have signalled the postmaster by now
            assertThat(ProcessHandle.of(postmaster)).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
            try (Connection connection = DriverManager.getConnection(first.jdbcUrl("tickets"), "postgres", "postgres")) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
        assertThat(Database.runningPostmaster(dataDir.resolve("postgres"))).isEmpty();
    }
}
