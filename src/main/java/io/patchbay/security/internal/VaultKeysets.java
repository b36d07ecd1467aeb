package io.patchbay.security.internal;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Makes and rotates vault keysets, for operators:
 *
 * <pre>
 * java -cp patchbay.jar -Dloader.main=io.patchbay.security.internal.VaultKeysets \
 *      org.springframework.boot.loader.launch.PropertiesLauncher new|rotate|retire keyset.json
 * </pre>
 *
 * {@code rotate} adds a new primary key and keeps the old ones, so everything stored keeps decrypting; deploy it, and
 * the hub re-wraps every stored secret with the new key at start. {@code retire} then drops the keys that are no
 * longer primary.
 */
public final class VaultKeysets {

    private VaultKeysets() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: VaultKeysets new|rotate|retire <keyset.json>");
            System.exit(2);
        }
        Path file = Path.of(args[1]);
        String result = switch (args[0]) {
            case "new" -> generate();
            case "rotate" -> rotate(Files.readString(file));
            case "retire" -> retire(Files.readString(file));
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
        Files.writeString(file, result);
        System.out.println(args[0] + ": wrote " + file);
    }

    static String generate() throws GeneralSecurityException {
        AeadConfig.register();
        return write(KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM));
    }

    /** The keyset with a new AES-256-GCM primary key; the old keys stay for decryption. */
    static String rotate(String keyset) throws GeneralSecurityException {
        AeadConfig.register();
        KeysetHandle current = read(keyset);
        var builder = KeysetHandle.newBuilder(current);
        builder.addEntry(KeysetHandle.generateEntryFromParametersName("AES256_GCM")
                .withRandomId()
                .makePrimary());
        return write(builder.build());
    }

    /** The keyset without the keys that are no longer primary; run once every secret was re-wrapped. */
    static String retire(String keyset) throws GeneralSecurityException {
        AeadConfig.register();
        KeysetHandle current = read(keyset);
        var builder = KeysetHandle.newBuilder(current);
        for (int i = builder.size() - 1; i >= 0; i--) {
            if (!builder.getAt(i).isPrimary()) {
                builder.deleteAt(i);
            }
        }
        return write(builder.build());
    }

    private static KeysetHandle read(String json) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.parseKeyset(json, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    }

    private static String write(KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeKeyset(
                keyset, RegistryConfiguration.get(), InsecureSecretKeyAccess.get());
    }
}
