package dev.helpdesk.tickets.support;

import org.springframework.beans.factory.config.BeanPostProcessor;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts the round trips to PostgreSQL made through the application's DataSource (every statement executed, every
 * commit and rollback), by the kind of thread that made them: the HTTP request threads, the {@code views} tracking
 * processor, the Kafka publisher, and everything else but the test's own thread (sla-service's StatementCounter is
 * the pattern).
 */
public final class StatementCounter implements BeanPostProcessor {

    public enum Threads { REQUEST, VIEWS, PUBLISHER, OTHER }

    private final AtomicLongArray statements = new AtomicLongArray(Threads.values().length);
    private final AtomicLongArray transactionEnds = new AtomicLongArray(Threads.values().length);
    private final Thread testThread = Thread.currentThread();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> otherThreads = new java.util.concurrent.ConcurrentHashMap<>();

    /** Round trips of the OTHER threads so far, by thread name (digits dropped). */
    public Map<String, Long> otherThreads() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        otherThreads.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    /** Statements plus commits and rollbacks so far, by thread kind. */
    public Map<Threads, Long> roundTrips() {
        Map<Threads, Long> counts = new EnumMap<>(Threads.class);
        for (Threads kind : Threads.values()) {
            counts.put(kind, statements.get(kind.ordinal()) + transactionEnds.get(kind.ordinal()));
        }
        return counts;
    }

    private Threads kind(Thread thread) {
        String name = thread.getName();
        if (name.startsWith("http-nio-")) {
            return Threads.REQUEST;
        }
        if (name.contains("[views]")) {
            return Threads.VIEWS;
        }
        if (name.contains("[kafka-publisher]")) {
            return Threads.PUBLISHER;
        }
        return thread == testThread || name.equals("main") ? null : Threads.OTHER;
    }

    private void count(AtomicLongArray counts) {
        Threads kind = kind(Thread.currentThread());
        if (kind != null) {
            counts.incrementAndGet(kind.ordinal());
        }
        if (kind == Threads.OTHER) {
            otherThreads.computeIfAbsent(Thread.currentThread().getName().replaceAll("\\d+", "#"),
                    name -> new java.util.concurrent.atomic.AtomicLong()).incrementAndGet();
        }
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
            if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                count(transactionEnds);
            }
            Object result = invoke(target, method, args);
            return result instanceof Statement statement ? statement(statement, method.getReturnType()) : result;
        });
    }

    @SuppressWarnings("unchecked")
    private Object statement(Statement statement, Class<?> type) {
        return proxy((Class<Object>) type, statement, (target, method, args) -> {
            if (method.getName().startsWith("execute")) {
                count(statements);
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
            if (method.getName().equals("isWrapperFor") && args != null && args[0] instanceof Class<?> wanted
                    && wanted.isInstance(target)) {
                return true;
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
