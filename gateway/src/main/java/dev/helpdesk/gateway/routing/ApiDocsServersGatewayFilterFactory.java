package dev.helpdesk.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code ApiDocsServers} route filter: a service's OpenAPI document names the service's own address as its server
 * (it sees the gateway's request to it); the copy served by the gateway names the gateway instead ({@code /}), so
 * "try it out" in the Swagger UI goes through the gateway with its checks, never straight to a service.
 */
@Component
public class ApiDocsServersGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final ModifyResponseBodyGatewayFilterFactory modifyResponseBody;
    private final ObjectMapper objectMapper;

    public ApiDocsServersGatewayFilterFactory(ModifyResponseBodyGatewayFilterFactory modifyResponseBody, ObjectMapper objectMapper) {
        super(Object.class);
        this.modifyResponseBody = modifyResponseBody;
        this.objectMapper = objectMapper;
    }

    @Override
    public GatewayFilter apply(Object unused) {
        return modifyResponseBody.apply(new ModifyResponseBodyGatewayFilterFactory.Config()
                .setRewriteFunction(String.class, String.class, (exchange, document) -> Mono.justOrEmpty(throughGateway(document))));
    }

    String throughGateway(String document) {
        if (document == null) {
            return null;
        }
        try {
            JsonNode root = objectMapper.readTree(document);
            if (!(root instanceof ObjectNode object)) {
                return document;
            }
            object.putArray("servers").addObject().put("url", "/").put("description", "through the gateway");
            return objectMapper.writeValueAsString(object);
        } catch (java.io.IOException notJson) {
            return document;
        }
    }
}
