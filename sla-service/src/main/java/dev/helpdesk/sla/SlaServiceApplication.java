package dev.helpdesk.sla;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SlaServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SlaServiceApplication.class, args);
    }
}
