package dev.helpdesk.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepository;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's application.yml uses no key that Spring Boot or Spring Cloud has renamed or deprecated. Such a key is
 * ignored without a word once its replacement takes over; the gateway leaves out {@code spring-boot-properties-migrator}
 * (it parsed this same metadata at every start), so this test is where a renamed key is found.
 */
class GatewayConfigurationKeysTest {

    @Test
    void applicationYmlUsesNoDeprecatedKey() throws Exception {
        Map<String, ConfigurationMetadataProperty> metadata = allMetadata().getAllProperties();
        // the metadata is really read: the key the gateway once used is known, as renamed
        assertThat(metadata.get("spring.codec.max-in-memory-size")).isNotNull()
                .satisfies(old -> assertThat(old.getDeprecation().getReplacement()).isEqualTo("spring.http.codecs.max-in-memory-size"));

        List<String> keys = new ArrayList<>();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))) {
            keys.addAll(Arrays.asList(((EnumerablePropertySource<?>) source).getPropertyNames()));
        }
        assertThat(keys).as("application.yml read").contains("spring.cloud.gateway.server.webflux.routes[0].id");

        List<String> deprecated = new ArrayList<>();
        for (ConfigurationMetadataProperty property : metadata.values()) {
            if (property.getDeprecation() == null) {
                continue;
            }
            String replacement = property.getDeprecation().getReplacement();
            for (String key : keys) {
                boolean under = key.startsWith(property.getId() + ".") || key.startsWith(property.getId() + "[");
                // a deprecated group (spring.cloud.gateway, replaced by spring.cloud.gateway.server.webflux) holds
                // its own replacement: keys already under the replacement are the current ones
                boolean current = replacement != null && (key.equals(replacement) || key.startsWith(replacement + ".")
                        || key.startsWith(replacement + "["));
                if (key.equals(property.getId()) || (under && !current)) {
                    deprecated.add(key + " (replacement: " + property.getDeprecation().getReplacement() + ")");
                }
            }
        }
        assertThat(deprecated).as("deprecated keys in the gateway's application.yml").isEmpty();
    }

    private static ConfigurationMetadataRepository allMetadata() throws Exception {
        ConfigurationMetadataRepositoryJsonBuilder builder = ConfigurationMetadataRepositoryJsonBuilder.create();
        for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:/META-INF/spring-configuration-metadata.json")) {
            try (InputStream in = resource.getInputStream()) {
                builder.withJsonResource(in);
            }
        }
        return builder.build();
    }
}
