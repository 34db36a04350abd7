package dev.helpdesk.gateway.limits;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.micrometer.core.instrument.MeterRegistry;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;

/**
 * The callers' request buckets: in the gateway's PostgreSQL database when {@code helpdesk.gateway.database.url} is
 * set (shared by every instance; Flyway creates the table at start-up), else in this instance's memory. Also the
 * periodic clean-up, so that neither memory nor the table grows with callers who stopped calling.
 *
 * <p>The database must be reachable at start-up (the migration runs then); an outage later degrades the limit, see
 * {@link CallerBuckets}. The database is this class's own (a Hikari pool that is not a bean), so that Boot's DataSource, Flyway and
 * health auto-configurations leave the gateway alone: a store that is down degrades the limit to per instance
 * ({@link CallerBuckets}); it does not make the gateway unready.
 */
@Configuration
public class RateLimitConfig implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfig.class);
    private static final int EXPIRED_ROWS_PER_DELETE = 1_000;

    private final CallerBuckets buckets;
    private final HikariDataSource dataSource;
    private final PostgreSQLSelectForUpdateBasedProxyManager<String> store;
    private final Scheduler storeScheduler;

    public RateLimitConfig(RateLimitSettings settings, GatewayDatabaseSettings database, MeterRegistry meters) {
        if (!settings.enabled() || !database.configured()) {
            this.dataSource = null;
            this.store = null;
            this.storeScheduler = null;
            this.buckets = CallerBuckets.local(settings);
            log.info("Rate limits count in this instance's memory (helpdesk.gateway.database.url is not set): "
                    + "N gateway instances allow N times the limit");
            return;
        }
        this.dataSource = dataSource(database, settings.storeTimeout(), meters);
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        this.store = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(1)))
                .build();
        // at most one blocking take per pooled connection runs at a time; the rest wait in this scheduler's queue
        this.storeScheduler = Schedulers.newBoundedElastic(database.poolSize(), 10_000, "rate-limit-store");
        this.buckets = CallerBuckets.shared(settings,
                new SharedRequestBuckets(store, settings.capacity(), settings.refillPerSecond()),
                new SharedRequestBuckets(store, settings.anonymousCapacity(), settings.anonymousRefillPerSecond()),
                storeScheduler, meters);
        log.info("Rate limits shared by every gateway instance through {}", database.url().replaceFirst("\\?.*", ""));
    }

    @Bean
    CallerBuckets callerBuckets() {
        return buckets;
    }

    @Scheduled(fixedDelayString = "${helpdesk.gateway.rate-limit.sweep-interval:PT1M}")
    void forgetIdleCallers() {
        buckets.forgetIdleCallers();
        if (store != null) {
            try {
                while (store.removeExpired(EXPIRED_ROWS_PER_DELETE) == EXPIRED_ROWS_PER_DELETE) {
                    // a full batch: more may be left
                }
            } catch (RuntimeException e) {
                log.warn("Could not remove expired rate-limit buckets: {}", e.toString());
            }
        }
    }

    @Override
    public void destroy() {
        if (storeScheduler != null) {
            storeScheduler.dispose();
        }
        if (dataSource != null) {
            dataSource.close();
        }
    }

    private static HikariDataSource dataSource(GatewayDatabaseSettings database, Duration timeout, MeterRegistry meters) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("rate-limit-store");
        config.setJdbcUrl(database.url());
        config.setUsername(database.username());
        config.setPassword(database.password());
        config.setMaximumPoolSize(database.poolSize());
        config.setMinimumIdle(1);
        // a take waits no longer for a connection than the filter waits for the take (Hikari's floor is 250 ms)
        config.setConnectionTimeout(Math.max(250, timeout.toMillis()));
        // a dead server must not hold a connection (and a scheduler thread) for long
        config.addDataSourceProperty("socketTimeout", Long.toString(Math.max(2, timeout.toSeconds() * 4)));
        config.addDataSourceProperty("connectTimeout", "2");
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(meters));
        return new HikariDataSource(config);
    }
}
