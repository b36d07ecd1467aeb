package io.patchbay.tenancy;

import io.patchbay.tenancy.internal.TenantRepository;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creates and finds tenants and their users. */
@Service
public class TenantService {

    private final TenantRepository repository;

    TenantService(TenantRepository repository) {
        this.repository = repository;
    }

    @Transactional
    public Tenant createTenant(String slug, String name, boolean sandbox) {
        return repository.insertTenant(new Tenant(new TenantId(UUID.randomUUID()), slug, name, sandbox, false));
    }

    /** The tenant of the company running Patchbay, where its staff's accounts live. */
    @Transactional
    public Tenant createOperatorTenant(String slug, String name) {
        return repository.insertTenant(new Tenant(new TenantId(UUID.randomUUID()), slug, name, false, true));
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> findBySlug(String slug) {
        return repository.findTenantBySlug(slug);
    }

    @Transactional(readOnly = true)
    public Optional<Tenant> find(TenantId id) {
        return repository.findTenant(id);
    }

    /** Adds a user; {@code passwordHash} is already encoded, or null for users who only sign in through SSO. */
    @Transactional
    public UserAccount createUser(
            TenantId tenant, String username, String displayName, @Nullable String passwordHash, Set<Role> roles) {
        return repository.insertUser(
                new UserAccount(UUID.randomUUID(), tenant, username, displayName, passwordHash, Set.copyOf(roles)));
    }

    /** Finds a user by login name across tenants: login names are unique, and a login knows no tenant yet. */
    @Transactional(readOnly = true)
    public Optional<UserAccount> findUser(String username) {
        return repository.findUser(username);
    }
}
