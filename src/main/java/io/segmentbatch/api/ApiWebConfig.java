package io.segmentbatch.api;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.StringHttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the credentials check in front of every {@code /v1} endpoint (headers) and the {@code /runs} pages (HTTP
 * Basic); actuator endpoints stay outside. Request bodies are read as text strictly ({@link StrictTextBodies}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "segment-batch.serve.jobs")
class ApiWebConfig implements WebMvcConfigurer {
    private final AppCredentials credentials;

    ApiWebConfig(AppCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new CredentialsInterceptor(credentials)).addPathPatterns("/v1/**");
        registry.addInterceptor(new JsonBodies()).addPathPatterns("/v1/**");
        registry.addInterceptor(new QueryParameters()).addPathPatterns("/v1/**");
        registry.addInterceptor(new BasicCredentialsInterceptor(credentials)).addPathPatterns("/runs", "/runs/**");
    }

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        // applied to the final list, after every configurer's (Spring Boot's included) choice of converters
        builder.configureMessageConvertersList(converters -> converters.replaceAll(
                converter -> converter instanceof StringHttpMessageConverter ? new StrictTextBodies() : converter));
    }
}
