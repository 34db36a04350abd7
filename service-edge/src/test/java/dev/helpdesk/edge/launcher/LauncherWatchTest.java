package dev.helpdesk.edge.launcher;

import org.junit.jupiter.api.Test;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherWatchTest {

    @Test
    void actsOnlyOnceTheLauncherEndOfTheInputIsClosed() throws Exception {
        PipedOutputStream launcherEnd = new PipedOutputStream();
        PipedInputStream childEnd = new PipedInputStream(launcherEnd);
        CountDownLatch exited = new CountDownLatch(1);

        Thread watcher = LauncherWatch.watch(childEnd, exited::countDown);
        launcherEnd.write("stray bytes are ignored".getBytes());
        launcherEnd.flush();

        assertThat(exited.await(300, TimeUnit.MILLISECONDS)).as("still watching while the launcher lives").isFalse();
        launcherEnd.close();
        assertThat(exited.await(5, TimeUnit.SECONDS)).as("acted once the launcher end closed").isTrue();
        watcher.join(5_000);
        assertThat(watcher.isAlive()).isFalse();
        assertThat(watcher.isDaemon()).as("never keeps a JVM alive by itself").isTrue();
    }
}
