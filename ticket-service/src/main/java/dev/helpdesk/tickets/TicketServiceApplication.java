package dev.helpdesk.tickets;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TicketServiceApplication {

    public static void main(String[] args) {
        // Axon's update checker would call home; keep the service quiet even without the environment variable.
        System.setProperty("axoniq.update-checker.disabled", "true");
        SpringApplication.run(TicketServiceApplication.class, args);
    }
}
