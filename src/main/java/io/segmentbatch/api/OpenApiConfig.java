package io.segmentbatch.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document of {@code /v1} ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}): the two
 * credential headers are one security scheme pair that every operation requires.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class OpenApiConfig {
    static final String APP_ID_SCHEME = "appId";
    static final String APP_TOKEN_SCHEME = "appToken";

    static {
        // a filter is any JSON object; without this, the schema would describe Jackson's tree classes
        SpringDocUtils.getConfig()
                .replaceWithSchema(
                        JsonNode.class,
                        new ObjectSchema()
                                .description("A filter in Voucherify's filter language (see jobs/README.md)"));
    }

    @Bean
    OpenAPI segmentBatchOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("segment-batch")
                        .version("v1")
                        .description("Runs of segmentation jobs, and Voucherify's customer segments API over their "
                                + "results. Every call needs the X-App-Id and X-App-Token headers; errors have "
                                + "Voucherify's envelope (code, key, message, details, request_id)."))
                .components(new Components()
                        .addSecuritySchemes(
                                APP_ID_SCHEME,
                                header(
                                        CredentialsInterceptor.APP_ID,
                                        "The application ID (SEGMENT_BATCH_APP_ID of the service)"))
                        .addSecuritySchemes(
                                APP_TOKEN_SCHEME,
                                header(
                                        CredentialsInterceptor.APP_TOKEN,
                                        "The application's secret token (SEGMENT_BATCH_APP_TOKEN of the service)")))
                .addSecurityItem(
                        new SecurityRequirement().addList(APP_ID_SCHEME).addList(APP_TOKEN_SCHEME));
    }

    private static SecurityScheme header(String name, String description) {
        return new SecurityScheme()
                .type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER)
                .name(name)
                .description(description);
    }
}
