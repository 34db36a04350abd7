package dev.helpdesk.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration table is generated from the deployables' application.yml and must match them. To
 * regenerate it: {@code HELPDESK_WRITE_CONFIGURATION_TABLE=true ./mvnw -pl local-stack test -Dtest=ConfigurationTableTest}.
 */
class ConfigurationTableTest {

    @Test
    void readmeListsEveryEnvironmentVariableOfEveryDeployableWithItsDefault() throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path readme = root.resolve("README.md");
        String text = Files.readString(readme);
        String table = ConfigurationTable.markdown(root);
        int start = text.indexOf(ConfigurationTable.START);
        int end = text.indexOf(ConfigurationTable.END);
        assertThat(start).as("README.md has the configuration-table markers").isGreaterThanOrEqualTo(0);
        assertThat(end).isGreaterThan(start);
        String current = text.substring(start + ConfigurationTable.START.length(), end).strip() + "\n";
        if ("true".equals(System.getenv("HELPDESK_WRITE_CONFIGURATION_TABLE"))) {
            Files.writeString(readme, text.substring(0, start + ConfigurationTable.START.length()) + "\n\n" + table
                    + "\n" + text.substring(end));
            return;
        }
        assertThat(current).as("README.md's configuration table; regenerate it as this test's comment says")
                .isEqualTo(table);
    }
}
