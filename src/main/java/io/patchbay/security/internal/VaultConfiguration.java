package io.patchbay.security.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.util.StringUtils;

/**
 * The vault's key: a Tink keyset from {@code patchbay.vault.keyset} (JSON), else from {@code keyset-file}. Outside
 * the production profile a missing file is generated on first start; in production a missing keyset stops the
 * start.
 */
@Configuration(proxyBeanMethods = false)
class VaultConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VaultConfiguration.class);

    @ConfigurationProperties("patchbay.vault")
    record VaultProperties(
            @DefaultValue("") String keyset,
            @DefaultValue(".patchbay/vault-keyset.json") Path keysetFile) {}

    @Bean
    KeysetHandle vaultKeyset(VaultProperties properties, Environment environment)
            throws GeneralSecurityException, IOException {
        AeadConfig.register();
        return StringUtils.hasText(properties.keyset())
                ? TinkJsonProtoKeysetFormat.parseKeyset(
                        properties.keyset(), RegistryConfiguration.get(), InsecureSecretKeyAccess.get())
                : fromFile(properties.keysetFile(), environment.acceptsProfiles(Profiles.of("production")));
    }

    private static KeysetHandle fromFile(Path file, boolean production) throws GeneralSecurityException, IOException {
        if (Files.exists(file)) {
            return TinkJsonProtoKeysetFormat.parseKeyset(
                    Files.readString(file), RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
        }
        if (production) {
            throw new IllegalStateException("The production profile needs a vault keyset: set PATCHBAY_VAULT_KEYSET"
                    + " (or PATCHBAY_VAULT_KEYSET_FILE to an existing file). See README, 'Configuration'.");
        }
        KeysetHandle generated = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Files.writeString(
                absolute,
                TinkJsonProtoKeysetFormat.serializeKeyset(
                        generated, RegistryConfiguration.get(), InsecureSecretKeyAccess.get()));
        try {
            Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system; the file stays with the default permissions
        }
        log.warn(
                "Generated a new vault keyset in {}; keep it: secrets stored with it are unreadable without it",
                absolute);
        return generated;
    }
}
