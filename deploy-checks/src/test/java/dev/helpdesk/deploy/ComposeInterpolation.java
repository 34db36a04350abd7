package dev.helpdesk.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compose's variable interpolation ({@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}}, {@code ${VAR-default}},
 * {@code ${VAR:?error}}, {@code ${VAR?error}}, {@code $$}), applied to every string of a parsed compose file, as
 * {@code docker compose config} does before it validates.
 */
final class ComposeInterpolation {

    private static final Pattern VARIABLE = Pattern.compile(
            "\\$(?:\\$|\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}|([A-Za-z_][A-Za-z0-9_]*))");

    /** A required variable that is unset (or empty, with {@code :?}). */
    static final class MissingVariableException extends RuntimeException {
        MissingVariableException(String message) {
            super(message);
        }
    }

    private ComposeInterpolation() {
    }

    static Object interpolate(Object value, Function<String, String> environment) {
        if (value instanceof String text) {
            return interpolate(text, environment);
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            map.forEach((key, item) -> result.put(key, interpolate(item, environment)));
            return result;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> interpolate(item, environment)).toList();
        }
        return value;
    }

    static String interpolate(String text, Function<String, String> environment) {
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement(matcher, environment)));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String replacement(Matcher matcher, Function<String, String> environment) {
        if (matcher.group().equals("$$")) {
            return "$";
        }
        String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(4);
        String value = environment.apply(name);
        String operator = matcher.group(2);
        if (operator == null) {
            return value == null ? "" : value;
        }
        boolean missing = operator.startsWith(":") ? value == null || value.isEmpty() : value == null;
        if (!missing) {
            return value;
        }
        if (operator.endsWith("?")) {
            throw new MissingVariableException("required variable " + name + " is missing a value: " + matcher.group(3));
        }
        return matcher.group(3);
    }
}
