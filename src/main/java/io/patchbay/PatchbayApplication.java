package io.patchbay;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.lumo.Lumo;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Patchbay, the self-serve integrations hub: one jar, one PostgreSQL, any number of nodes. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push
@StyleSheet(Lumo.STYLESHEET)
// src/main/resources/META-INF/resources/styles.css: Lumo with a few product-specific pieces
@StyleSheet("styles.css")
public class PatchbayApplication implements AppShellConfigurator {

    /** The tab's icon; /favicon.ico is there too, for what asks for it without reading the page. */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "icons/favicon.svg", "any");
    }

    public static void main(String[] args) {
        SpringApplication.run(PatchbayApplication.class, args);
    }
}
