package io.segmentbatch.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The same credentials on the actuator when it has a port of its own ({@code management.server.port}): that port is
 * served by a child context, which the main context's filters do not reach.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class ManagementPortHardening {

    @Bean
    FilterRegistrationBean<ActuatorCredentialsFilter> managementCredentialsFilter(
            ObjectProvider<AppCredentials> credentials) {
        FilterRegistrationBean<ActuatorCredentialsFilter> registration =
                new FilterRegistrationBean<>(new ActuatorCredentialsFilter(credentials.getIfAvailable()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
