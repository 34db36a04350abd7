package dev.helpdesk.events;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.time.Instant;

/**
 * Reads {@link Instant}s written as {@code Instant.toString} does with {@link Instants#parseUtc} and leaves every other
 * form (numbers, offsets, {@code @JsonFormat} patterns, empty strings) to the deserializer the mapper already has for
 * {@code Instant} (jackson-datatype-jsr310's, with the mapper's features), so a value reads the same with or without
 * this module (in whichever order the two modules are registered). Event data carries its timestamps in that form; their parsing
 * was about 7 % of the escalation- and notification-service's listener threads in a burst of SLA warnings (JFR,
 * 2026-12-07).
 */
public final class FastInstantsModule extends SimpleModule {

    public FastInstantsModule() {
        super("helpdesk-fast-instants");
        setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            @SuppressWarnings("unchecked")
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                          JsonDeserializer<?> deserializer) {
                return description.getBeanClass() == Instant.class && !(deserializer instanceof FastInstantDeserializer)
                        ? new FastInstantDeserializer((JsonDeserializer<Instant>) deserializer) : deserializer;
            }
        });
    }

    /** The mapper's own {@code Instant} deserializer with a fast path in front of it. */
    static final class FastInstantDeserializer extends StdDeserializer<Instant> implements ContextualDeserializer {

        private final JsonDeserializer<Instant> standard;

        FastInstantDeserializer(JsonDeserializer<Instant> standard) {
            super(Instant.class);
            this.standard = standard;
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() == JsonToken.VALUE_STRING) {
                Instant fast = Instants.parseUtc(parser.getText());
                if (fast != null) {
                    return fast;
                }
            }
            return standard.deserialize(parser, context);
        }

        /** A property with its own format (a pattern, leniency) is read by the standard deserializer alone. */
        @Override
        @SuppressWarnings("unchecked")
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
                throws JsonMappingException {
            if (!(standard instanceof ContextualDeserializer contextual)) {
                return this;
            }
            JsonDeserializer<?> forProperty = contextual.createContextual(context, property);
            return forProperty == standard ? this : forProperty;
        }

        @Override
        public Object getEmptyValue(DeserializationContext context) throws JsonMappingException {
            return standard.getEmptyValue(context);
        }

        @Override
        public Instant getNullValue(DeserializationContext context) throws JsonMappingException {
            return standard.getNullValue(context);
        }
    }
}
