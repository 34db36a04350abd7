package dev.helpdesk.sla.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts the SQL statements executed through the application's DataSource on the threads a predicate picks (for
 * example the Kafka consumer threads), so a test can tell how many round trips one consumed event costs.
 */
public final class StatementCounter implements BeanPostProcessor {

    private final Predicate<Thread> counted;
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong relayStatements = new AtomicLong();

    public StatementCounter(Predicate<Thread> counted) {
        this.counted = counted;
    }

    /** Kafka listener container threads ({@code ...-C-1}). */
    public static StatementCounter onConsumerThreads() {
        return new StatementCounter(thread -> thread.getName().contains("-C-"));
    }

    public long count() {
        return statements.get();
    }

    /** Transactions committed on the counted threads (each is a BEGIN and a COMMIT for PostgreSQL). */
    public long commits() {
        return commits.get();
    }

    /** Statements of the outbox relay's thread. */
    public long relayCount() {
        return relayStatements.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && !Proxy.isProxyClass(bean.getClass())) {
            return proxy(DataSource.class, dataSource, (target, method, args) -> {
                Object result = invoke(target, method, args);
                return result instanceof Connection connection ? connection(connection) : result;
            });
        }
        return bean;
    }

    private Connection connection(Connection connection) {
        return proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().equals("commit") && counted.test(Thread.currentThread())) {
                commits.incrementAndGet();
            }
            Object result = invoke(target, method, args);
            if (result instanceof Statement statement) {
                return statement(statement, method.getReturnType());
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    private Object statement(Statement statement, Class<?> type) {
        return proxy((Class<Object>) type, statement, (target, method, args) -> {
            if (method.getName().startsWith("execute") && counted.test(Thread.currentThread())) {
                statements.incrementAndGet();
            }
            if (method.getName().startsWith("execute") && Thread.currentThread().getName().equals("outbox-relay")) {
                relayStatements.incrementAndGet();
            }
            return invoke(target, method, args);
        });
    }

    private interface Call {
        Object call(Object target, Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("unwrap") && args != null && args[0] instanceof Class<?> wanted
                    && wanted.isInstance(target)) {
                return target;
            }
            return call.call(target, method, args);
        };
        return (T) Proxy.newProxyInstance(StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
