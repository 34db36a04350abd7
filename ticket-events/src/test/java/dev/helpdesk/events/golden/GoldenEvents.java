package dev.helpdesk.events.golden;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.helpdesk.events.EventEnvelope;
import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The golden JSON of the published languages: for each event type one CloudEvents envelope as its producer writes
 * it, at {@code golden/<type>.json} in the test-jar of the events module that owns the type. The events module
 * checks its records against these files; producers check what they write, consumers what they read.
 */
public final class GoldenEvents {

    /** Where an events module keeps its golden files, relative to the module (the directory tests run in). */
    public static final Path DIRECTORY = Path.of("src", "test", "resources", "golden");

    /**
     * Strict Jackson: a golden field that the record lacks fails instead of being ignored as a tolerant consumer
     * would, and decimals stay decimals, so that money written as an integer shows.
     */
    public static final ObjectMapper STRICT = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private GoldenEvents() {
    }

    /** The golden envelope of a type, as text. */
    public static String text(String type) {
        String resource = "golden/" + type + ".json";
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as("golden file %s on the test class path", resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The golden envelope of a type. */
    public static JsonNode envelope(String type) {
        return tree(text(type));
    }

    /** The golden {@code data} of a type. */
    public static JsonNode data(String type) {
        return envelope(type).get("data");
    }

    public static JsonNode tree(String json) {
        try {
            return STRICT.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A value as JSON text parsed back, so that its numbers compare as the golden file's do. */
    public static JsonNode written(Object value) {
        try {
            return tree(STRICT.writeValueAsString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The types of the golden files in a directory: their file names without {@code .json}. */
    public static Set<String> typesIn(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One test per type: the golden file has exactly the record's JSON fields and survives a read and a write. */
    public static Stream<DynamicTest> contract(Map<String, Class<?>> types) {
        return new TreeSet<>(types.keySet()).stream().map(type -> DynamicTest.dynamicTest(type, () -> {
            Class<?> dataClass = types.get(type);
            JsonNode golden = envelope(type);
            assertThat(golden.path("type").asText()).as("type attribute of golden/%s.json", type).isEqualTo(type);
            assertSameNames(type, golden, EventEnvelope.class);
            assertSameNames(type + " data", golden.get("data"), dataClass);
            assertRoundTrips(type, dataClass);
        }));
    }

    /**
     * Reading the golden envelope into the record and writing it back gives the same JSON tree. Derived values
     * (written from an {@code isX()} method, never read) are left out of what is read.
     */
    public static void assertRoundTrips(String type, Class<?> dataClass) {
        JavaType envelopeType = STRICT.getTypeFactory().constructParametricType(EventEnvelope.class, dataClass);
        ObjectNode golden = (ObjectNode) envelope(type);
        ObjectNode input = golden.deepCopy();
        ((ObjectNode) input.get("data")).remove(derivedProperties(dataClass));
        try {
            Object read = STRICT.treeToValue(input, envelopeType);
            assertThat(written(read)).as("%s read and written back", type).isEqualTo(golden);
        } catch (IOException e) {
            throw new AssertionError(type + " does not read into " + dataClass.getSimpleName(), e);
        }
    }

    /**
     * The JSON object has exactly the fields Jackson writes for the record (its components, plus any derived
     * {@code isX()} value), nested records too, both ways: a renamed component fails here.
     */
    public static void assertSameNames(String where, JsonNode object, Class<?> recordClass) {
        Map<String, Class<?>> properties = jsonProperties(recordClass);
        assertThat(fieldNames(object)).as("%s: golden fields vs JSON fields of %s", where, recordClass.getSimpleName())
                .isEqualTo(new TreeSet<>(properties.keySet()));
        properties.forEach((name, type) -> {
            JsonNode value = object.get(name);
            if (type.isRecord() && value.isObject()) {
                assertSameNames(where + "." + name, value, type);
            }
        });
    }

    private static Map<String, Class<?>> jsonProperties(Class<?> recordClass) {
        Map<String, Class<?>> properties = new TreeMap<>();
        properties(recordClass).filter(BeanPropertyDefinition::couldSerialize)
                .forEach(property -> properties.put(property.getName(), property.getRawPrimaryType()));
        return properties;
    }

    private static Set<String> derivedProperties(Class<?> recordClass) {
        return properties(recordClass).filter(property -> property.couldSerialize() && !property.couldDeserialize())
                .map(BeanPropertyDefinition::getName).collect(Collectors.toSet());
    }

    private static Stream<BeanPropertyDefinition> properties(Class<?> recordClass) {
        return STRICT.getSerializationConfig().introspect(STRICT.constructType(recordClass)).findProperties().stream();
    }

    /**
     * Envelope attributes a producer writes only when it has them: the CloudEvents distributed-tracing extension
     * (absent when the producer traced nothing).
     */
    public static final Set<String> OPTIONAL_EXTENSIONS = Set.of("traceparent", "tracestate");

    /**
     * What a producer wrote has the golden file's shape: the same field names both ways, and the same kind of value
     * (string, integer, decimal, boolean, object, ...) wherever neither is null. Values may differ.
     */
    public static void assertSameShape(String where, JsonNode written, JsonNode golden) {
        Set<String> names = fieldNames(golden);
        names.removeIf(name -> OPTIONAL_EXTENSIONS.contains(name) && !written.has(name));
        assertThat(fieldNames(written)).as("%s: field names written vs golden", where).isEqualTo(names);
        names.forEach(name -> {
            JsonNode actual = written.get(name);
            JsonNode expected = golden.get(name);
            if (actual.isNull() || expected.isNull()) {
                return;
            }
            assertThat(kind(actual)).as("%s.%s", where, name).isEqualTo(kind(expected));
            if (expected.isObject()) {
                assertSameShape(where + "." + name, actual, expected);
            }
        });
    }

    public static Set<String> fieldNames(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String kind(JsonNode value) {
        if (value.isNumber()) {
            return value.isIntegralNumber() ? "integer" : "decimal";
        }
        return value.getNodeType().name().toLowerCase();
    }
}
