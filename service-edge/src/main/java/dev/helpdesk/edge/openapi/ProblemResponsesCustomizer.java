package dev.helpdesk.edge.openapi;

import dev.helpdesk.edge.problem.ProblemType;
import dev.helpdesk.edge.version.IfMatch;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Makes a service's OpenAPI document state the edge every service shares: the bearer-token security scheme as a
 * global requirement, the {@code Problem} schema ({@code application/problem+json}) and, on every operation, the
 * problem responses it may answer (400, 401, 403, 429, 500; 404 with a path variable; 409 with {@code If-Match};
 * 422 on writes), plus what a linter asks of each operation (an id, a description, a declared tag).
 */
public class ProblemResponsesCustomizer implements OpenApiCustomizer {

    public static final String SECURITY_SCHEME = "bearerAuth";
    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    private static final Set<PathItem.HttpMethod> WRITES =
            Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT, PathItem.HttpMethod.PATCH, PathItem.HttpMethod.DELETE);

    private final String title;
    private final String description;

    public ProblemResponsesCustomizer(String title, String description) {
        this.title = title;
        this.description = description;
    }

    @Override
    public void customise(OpenAPI openApi) {
        describe(openApi);
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT").description("A JWT of the configured issuer (claims sub, name, email, roles, org)."));
        components.addSchemas(PROBLEM_SCHEMA, problemSchema());
        if (components.getSchemas() != null) {
            components.getSchemas().remove("ProblemDetail");
        }
        openApi.setSecurity(List.of(new SecurityRequirement().addList(SECURITY_SCHEME)));
        Map<String, Tag> tags = new TreeMap<>();
        if (openApi.getTags() != null) {
            openApi.getTags().forEach(tag -> tags.put(tag.getName(), tag));
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> customise(path, method, operation, tags)));
        }
        openApi.setTags(new ArrayList<>(tags.values()));
    }

    private void describe(OpenAPI openApi) {
        Info info = openApi.getInfo() == null ? new Info() : openApi.getInfo();
        openApi.setInfo(info);
        if (info.getTitle() == null || info.getTitle().startsWith("OpenAPI definition")) {
            info.setTitle(title);
        }
        if (info.getDescription() == null) {
            info.setDescription(description);
        }
        if (info.getContact() == null) {
            info.setContact(new Contact().name("Helpdesk platform team").url("https://helpdesk.dev"));
        }
    }

    private void customise(String path, PathItem.HttpMethod method, Operation operation, Map<String, Tag> tags) {
        if (operation.getOperationId() == null) {
            operation.setOperationId(method.name().toLowerCase() + path.replaceAll("[^A-Za-z0-9]+", "-"));
        }
        if (operation.getDescription() == null || operation.getDescription().isBlank()) {
            operation.setDescription(operation.getSummary() != null ? operation.getSummary() : method + " " + path);
        }
        if (operation.getTags() == null || operation.getTags().isEmpty()) {
            operation.setTags(List.of(path.split("/").length > 2 ? path.split("/")[2] : "api"));
        }
        operation.getTags().forEach(name -> tags.computeIfAbsent(name, n -> new Tag().name(n).description("Operations on " + n + ".")));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        Map<ProblemType, String> problems = new LinkedHashMap<>();
        problems.put(ProblemType.INVALID_REQUEST, "Malformed or invalid input; the invalid fields are listed in errors.");
        problems.put(ProblemType.UNAUTHORIZED, "A valid bearer token is missing.");
        problems.put(ProblemType.FORBIDDEN, "The caller's role may not do this.");
        if (parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()))) {
            problems.put(ProblemType.NOT_FOUND, "Unknown, or another organisation's resource.");
        }
        if (parameters.stream().anyMatch(parameter -> "header".equals(parameter.getIn()) && IfMatch.HEADER.equalsIgnoreCase(parameter.getName()))) {
            problems.put(ProblemType.STALE_VERSION, "If-Match does not name the current version, or the change is illegal in the current state.");
        }
        if (WRITES.contains(method)) {
            problems.put(ProblemType.BUSINESS_RULE_VIOLATED, "A business rule forbids the request.");
        }
        problems.put(ProblemType.RATE_LIMITED, "Too many requests; retry after the time given in Retry-After.");
        problems.put(ProblemType.INTERNAL_ERROR, "Something went wrong on the service's side.");
        problems.forEach((type, text) -> {
            String code = String.valueOf(type.status().value());
            ApiResponse response = responses.get(code) == null ? new ApiResponse().description(text) : responses.get(code);
            if (response.getDescription() == null || response.getDescription().isBlank()) {
                response.setDescription(text);
            }
            response.setContent(new Content().addMediaType(PROBLEM_MEDIA_TYPE,
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
            if (type == ProblemType.RATE_LIMITED) {
                response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying.")
                        .schema(new IntegerSchema()));
            }
            responses.addApiResponse(code, response);
        });
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The field, parameter or header, e.g. severity or If-Match."))
                .addProperty("message", new StringSchema().description("What is wrong with it."))
                .required(List.of("field", "message"));
        return new ObjectSchema()
                .description("An RFC 9457 problem; type is one of the catalogue in docs/problems.md.")
                .addProperty("type", new StringSchema().format("uri").example(ProblemType.BASE + "invalid-request"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("The request has invalid fields."))
                .addProperty("instance", new StringSchema().format("uri-reference").example("/api/tickets"))
                .addProperty("reason", new StringSchema().description("A service's stable code refining the type, e.g. contact-limit."))
                .addProperty("errors", new ArraySchema().items(fieldError).description("The invalid fields (400 only)."))
                .required(List.of("type", "title", "status"));
    }
}
