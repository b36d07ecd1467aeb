package io.patchbay.connection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.patchbay.base.Correlation;
import io.patchbay.catalog.spi.Connector;
import io.patchbay.catalog.spi.ConnectorConfig;
import io.patchbay.catalog.spi.ConnectorException;
import io.patchbay.catalog.spi.ConnectorSpec.Capability;
import io.patchbay.catalog.spi.ErrorClass;
import io.patchbay.catalog.spi.PushedData;
import io.patchbay.catalog.spi.PushedRecord;
import io.patchbay.catalog.spi.Received;
import io.patchbay.connection.internal.ConnectionRepository;
import io.patchbay.connection.internal.InboundProperties;
import io.patchbay.connection.internal.InboundRepository;
import io.patchbay.connection.internal.SharedCommits;
import io.patchbay.connection.internal.UploadWorkers;
import io.patchbay.tenancy.CurrentTenant;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Data pushed to connections: webhook deliveries and uploaded files. Each message is checked by the connection's
 * connector (signature and freshness, or the file's layout), staged once under the id its sender gives it, and
 * read by the next run, which is queued in the same transaction when the connection is active. A paused
 * connection or a draft keeps what it receives until it runs.
 */
@Service
public class InboundService {

    private static final int TARGET_SECONDS = 2;
    private static final String SETUP = "hasAnyRole('CUSTOMER_ADMIN', 'SOLUTIONS_ENGINEER')";
    private static final String READ = "hasAnyRole('CUSTOMER_ADMIN', 'SUPPORT_AGENT', 'SOLUTIONS_ENGINEER')";

    private final ConnectionRepository connections;
    private final InboundRepository inbound;
    private final ConnectionStore store;
    private final InboundProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Executor uploads;
    private final SharedCommits commits;
    /**
     * The connections of recent webhook URLs, configured: a burst of deliveries to one URL reads and decrypts its
     * connection once, not once each. Kept {@value #TARGET_SECONDS} s, so a change made on another node (a rotated
     * secret, a deleted connection) holds everywhere within that time; this node forgets a changed one at once.
     */
    private final Cache<ConnectionId, WebhookTarget> webhookTargets = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofSeconds(TARGET_SECONDS))
            .maximumSize(10_000)
            .build();

    InboundService(
            ConnectionRepository connections,
            InboundRepository inbound,
            ConnectionStore store,
            InboundProperties properties,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            @Qualifier(UploadWorkers.NAME) Executor uploads,
            SharedCommits commits) {
        this.connections = connections;
        this.inbound = inbound;
        this.store = store;
        this.properties = properties;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.uploads = uploads;
        this.commits = commits;
    }

    /** The URL a sender posts a connection's webhooks to. */
    public String webhookUrl(ConnectionId id) {
        return publicUrl() + "/hooks/" + id;
    }

    /** The address people and senders reach this hub at, without a trailing slash. */
    public String publicUrl() {
        String base = properties.publicUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public long maxUploadBytes() {
        return properties.maxUploadSize().toBytes();
    }

    public long maxWebhookBytes() {
        return properties.maxWebhookSize().toBytes();
    }

    /**
     * Takes a delivery to a connection's webhook URL. No one is signed in: the connection's tenant is looked up by
     * its id, and the connector's signature check proves the sender.
     *
     * @throws NoSuchConnectionException when there is no such connection, or it takes no webhooks
     * @throws ConnectorException AUTH when the delivery is not authentic or is stale; DATA when it is unusable
     */
    public Receipt receiveWebhook(ConnectionId id, PushedData delivery) {
        WebhookTarget target = webhookTargets.get(id, this::webhookTarget);
        if (target == null) {
            throw new NoSuchConnectionException();
        }
        Connection connection = target.connection();
        // the request's: the staging runs on a committer's thread
        String correlationId = Correlation.currentOrNull();
        return CurrentTenant.callAs(connection.tenantId(), () -> {
            // verified before any transaction opens: a transaction holds a database connection only to stage, and
            // shares its commit with the deliveries that arrive meanwhile
            Received received = target.connector().receive(target.config(), delivery);
            return commits.run(
                    connection.tenantId(),
                    connection.id(),
                    () -> stage(
                            connection, InboundMessage.Kind.WEBHOOK, received, "webhook", correlationId, staged -> {}));
        });
    }

    /** The connection a webhook URL names, configured for checking deliveries; null when it takes none. */
    private @Nullable WebhookTarget webhookTarget(ConnectionId id) {
        // the tenant is looked up by the connection's id, and the connection read in its scope, in one transaction
        ConnectionStore.Stored stored = tx.execute(s ->
                        connections.tenantOf(id).flatMap(tenant -> CurrentTenant.callAs(tenant, () -> store.find(id))))
                .orElse(null);
        if (stored == null) {
            return null;
        }
        return CurrentTenant.callAs(stored.connection().tenantId(), () -> {
            Connector connector = store.connector(stored.connection());
            if (!connector.spec().can(Capability.PUSH)) {
                return null;
            }
            return new WebhookTarget(stored.connection(), connector, store.configure(stored));
        });
    }

    /**
     * A changed connection (a rotated signing secret, say) is read afresh for its next delivery on this node: once the
     * change has committed, so that no delivery in between keeps the old one.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionChanged event) {
        webhookTargets.invalidate(event.connectionId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionPaused event) {
        webhookTargets.invalidate(event.connectionId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void on(ConnectionDeleted event) {
        webhookTargets.invalidate(event.connectionId());
    }

    private record WebhookTarget(Connection connection, Connector connector, ConnectorConfig config) {}

    /**
     * Takes a file an admin uploads. A draft keeps only the last file uploaded to it, which its first run applies;
     * an active connection syncs each new file at once. The same file twice is recognised and not applied again.
     * The file is read before any transaction opens.
     *
     * @throws ConnectorException DATA when the file cannot be used at all (empty, no key column), with a fix
     */
    @PreAuthorize(SETUP)
    public Receipt upload(ConnectionId id, String fileName, byte[] content) {
        return upload(id, fileName, content, UploadProgress.NONE);
    }

    /**
     * The same, off the caller's thread (a large file takes seconds to read and keep), telling {@code progress} how
     * far it got. The caller's sign-in goes with it.
     */
    @PreAuthorize(SETUP)
    public CompletableFuture<Receipt> uploadInBackground(
            ConnectionId id, String fileName, byte[] content, UploadProgress progress) {
        return CompletableFuture.supplyAsync(() -> upload(id, fileName, content, progress), uploads);
    }

    /** How far an upload got: read (the file parsed, its rows counted), then kept (rows staged so far). */
    public interface UploadProgress {

        UploadProgress NONE = new UploadProgress() {};

        default void read(int rows) {}

        default void kept(int rows, int of) {}
    }

    private Receipt upload(ConnectionId id, String fileName, byte[] content, UploadProgress progress) {
        ConnectionStore.Stored stored = store.find(id).orElseThrow(NoSuchConnectionException::new);
        Connector connector = store.connector(stored.connection());
        if (!connector.spec().can(Capability.UPLOAD)) {
            throw new ConnectorException(
                    ErrorClass.CONFIG,
                    "This connection does not take files.",
                    "Set up a connection from the CSV file upload template.");
        }
        if (content.length > maxUploadBytes()) {
            throw new ConnectorException(
                    ErrorClass.DATA,
                    fileName + " is larger than " + properties.maxUploadSize().toMegabytes() + " MB.",
                    "Split the file into smaller ones and upload each.");
        }
        Received received =
                connector.receive(store.configure(stored), PushedData.upload(fileName, content, Instant.now()));
        int rows = received.records().size();
        progress.read(rows);
        // the row lock makes two uploads to one draft take turns, so the draft keeps exactly the last one
        return store.write(id, connection -> {
            if (connection.isDraft()) {
                inbound.discardAll(id);
            }
            Receipt receipt = stage(
                    connection,
                    InboundMessage.Kind.UPLOAD,
                    received,
                    CurrentTenant.actor(),
                    Correlation.currentOrNull(),
                    staged -> progress.kept(staged, rows));
            if (!receipt.duplicate()) {
                events.publishEvent(new ConnectionChanged(
                        connection.tenantId(),
                        id,
                        "connection.file_uploaded",
                        Map.of("file", fileName, "rows", String.valueOf(rows)),
                        CurrentTenant.actor()));
            }
            return receipt;
        });
    }

    /** Newest first. */
    @Transactional(readOnly = true)
    @PreAuthorize(READ)
    public List<InboundMessage> recentMessages(ConnectionId id, int limit) {
        return inbound.recent(id, limit);
    }

    /** The tenant's messages received by the request with this correlation id, by connection. */
    @Transactional(readOnly = true)
    @PreAuthorize(READ)
    public Map<ConnectionId, List<InboundMessage>> messagesWith(String correlationId, int limit) {
        return inbound.withCorrelation(correlationId, limit);
    }

    @Transactional(readOnly = true)
    @PreAuthorize(READ)
    public int countMessages(ConnectionId id) {
        return inbound.count(id);
    }

    /**
     * For the sync runtime, inside a run's tenant scope: records staged after a place, in the order messages were
     * first read. Messages that committed since the last read are given their sequence numbers first, so a message
     * that commits later always lands after what this read returns.
     *
     * @see <a href="../../../../../../docs/adr/0008-staged-records-are-sequenced-when-read.md">ADR 8</a>
     */
    @Transactional
    public List<PushedRecord> pushed(ConnectionId id, PushedRecord.Position after, int limit) {
        inbound.sequenceCommitted(id);
        return inbound.after(id, after, limit);
    }

    private Receipt stage(
            Connection connection,
            InboundMessage.Kind kind,
            Received received,
            String receivedBy,
            @Nullable String correlationId,
            IntConsumer stagedSoFar) {
        Optional<InboundMessage> staged =
                inbound.stage(connection.id(), kind, received, receivedBy, correlationId, stagedSoFar);
        if (staged.isEmpty()) {
            return new Receipt(
                    true, inbound.find(connection.id(), received.messageId()).orElseThrow());
        }
        InboundMessage message = staged.get();
        if (message.recordCount() > 0) {
            events.publishEvent(new RecordsPushed(
                    connection.tenantId(), connection.id(), received.messageId(), message.recordCount()));
        }
        return new Receipt(false, message);
    }

    /** There is no connection at that address that takes pushed data; answered like any unknown URL. */
    public static final class NoSuchConnectionException extends RuntimeException
            implements io.patchbay.base.ExplainedError {
        public NoSuchConnectionException() {
            super("There is no connection at this address.");
        }

        @Override
        public Kind kind() {
            return Kind.NOT_FOUND;
        }

        @Override
        public String title() {
            return "No such webhook URL";
        }
    }
}
