package dev.helpdesk.edge.openapi;

import dev.helpdesk.edge.caller.Caller;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/**
 * The OpenAPI edge of a servlet service that serves a document with springdoc: {@link ProblemResponsesCustomizer},
 * titled {@code helpdesk.openapi.title} (default: the application name) and described by
 * {@code helpdesk.openapi.description}. The {@link Caller} parameter is left out of the document.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
public class EdgeOpenApiAutoConfiguration {

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    @ConditionalOnMissingBean
    ProblemResponsesCustomizer problemResponsesCustomizer(
            @Value("${helpdesk.openapi.title:${spring.application.name:helpdesk service}}") String title,
            @Value("${helpdesk.openapi.description:An HTTP API of the helpdesk, reached through the gateway. Errors are RFC 9457 problems (docs/problems.md).}") String description) {
        return new ProblemResponsesCustomizer(title, description);
    }
}
