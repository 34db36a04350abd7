package dev.helpdesk.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Put on a Spring test class: its application context gets a fresh database on the real test PostgreSQL, the real
 * test Kafka broker, topic names of its own ({@code helpdesk.topics.*} with a unique suffix) and the tests' JWT
 * secret. Each annotated class gets its own context, so classes never see each other's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {

    /** Prefix of the database name, e.g. the service's database {@code tickets}. */
    String database() default "test";
}
