package dev.helpdesk.pipeline.health;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The service's one admin connection to the broker, for its health and its consumers' lag: every call is bounded by
 * {@code timeout}, so a broker that is down makes a check fail in that time, never hang.
 */
public class KafkaProbe implements AutoCloseable {

    private final Admin admin;
    private final long timeoutMillis;

    public KafkaProbe(Map<String, Object> adminConfig, Duration timeout) {
        Map<String, Object> config = new HashMap<>(adminConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "helpdesk-kafka-probe");
        this.admin = Admin.create(config);
        this.timeoutMillis = timeout.toMillis();
    }

    /** The number of brokers that answered; throws when none did within the timeout. */
    public int brokers() throws Exception {
        return await(admin.describeCluster().nodes().toCompletionStage().toCompletableFuture()).size();
    }

    /**
     * Records not yet consumed by a group on the given topics: the sum over their partitions of the end offset less
     * the group's committed offset (a partition the group never committed counts from offset 0, as the consumers
     * start from the earliest record).
     */
    public long lag(String group, Set<String> topics) throws Exception {
        return lags(group, topics).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The same per partition: every partition of the topics, with its records not yet consumed by the group. */
    public Map<TopicPartition, Long> lags(String group, Set<String> topics) throws Exception {
        return offsets(group, topics).lags();
    }

    /**
     * Each partition's end offset and the group's committed offset (0 where it never committed). The committed
     * offsets are read first: an end offset is never older than the committed offset it is compared with.
     */
    public GroupOffsets offsets(String group, Set<String> topics) throws Exception {
        Set<TopicPartition> partitions = await(admin.describeTopics(topics).allTopicNames()
                .toCompletionStage().toCompletableFuture()).values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toSet());
        if (partitions.isEmpty()) {
            return new GroupOffsets(Map.of(), Map.of());
        }
        Map<TopicPartition, OffsetAndMetadata> committed = await(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().toCompletionStage().toCompletableFuture());
        Map<TopicPartition, Long> ends = await(admin.listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest())))
                .all().toCompletionStage().toCompletableFuture()).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        Map<TopicPartition, Long> committedOffsets = new HashMap<>();
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            committedOffsets.put(partition, offset == null ? 0 : offset.offset());
            endOffsets.put(partition, ends.getOrDefault(partition, 0L));
        }
        return new GroupOffsets(committedOffsets, endOffsets);
    }

    /** A group's committed offsets and its topics' end offsets, per partition. */
    public record GroupOffsets(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> ends) {

        public Map<TopicPartition, Long> lags() {
            Map<TopicPartition, Long> lags = new HashMap<>();
            ends.forEach((partition, end) -> lags.put(partition, Math.max(0, end - committed.getOrDefault(partition, 0L))));
            return lags;
        }
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> call) throws Exception {
        try {
            return call.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            call.cancel(true);
            throw e;
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
