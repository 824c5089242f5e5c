package io.waihu.campaign.service;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.waihu.campaign.domain.ImportCsvReader;
import io.waihu.campaign.domain.ImportRowError;
import io.waihu.campaign.domain.PhoneNumbers;
import io.waihu.campaign.domain.SuppressionUploadResult;
import io.waihu.campaign.domain.SuppressionCheck;
import io.waihu.campaign.domain.SuppressionEntry;
import io.waihu.campaign.repository.SuppressionRepository;
import io.waihu.events.Topics;
import io.waihu.events.campaign.SuppressionAdded;
import io.waihu.events.campaign.SuppressionRemoved;
import io.waihu.platform.messaging.Outbox;
import io.waihu.platform.rest.Page;
import io.waihu.platform.rest.PageParams;
import io.waihu.platform.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Do-not-call entries. Every change writes the row and its SuppressionAdded/SuppressionRemoved into the outbox in the
 * caller's transaction, so the dialer's copy never misses or invents an entry.
 */
@ApplicationScoped
public class SuppressionService {

    public static final String SOURCE_API = "API";
    public static final String SOURCE_UPLOAD = "UPLOAD";
    public static final String SOURCE_CRM_OPT_OUT = "CRM_OPT_OUT";

    private final SuppressionRepository entries;
    private final Outbox outbox;
    private final Pool pool;

    public SuppressionService(SuppressionRepository entries, Outbox outbox, Pool pool) {
        this.entries = entries;
        this.outbox = outbox;
        this.pool = pool;
    }

    /**
     * Adds an entry (or refreshes the live one with the same scope, digits and kind) in the caller's transaction.
     *
     * @param campaignId null for every campaign of the tenant
     * @param digits     E.164 digits without '+': the whole number, or the leading digits when prefixMatch
     * @return the entry id
     */
    public Uni<UUID> add(SqlConnection conn, String tenantId, String campaignId, String digits, boolean prefixMatch,
                         Instant expiresAt, String source, String reason) {
        return entries.upsert(conn, UUID.randomUUID(), tenantId, campaignId, digits, prefixMatch, expiresAt, source, reason)
                .call(id -> outbox.append(conn, Topics.SUPPRESSION_EVENTS, SuppressionAdded.of(tenantId, null, id.toString(),
                        campaignId, digits, prefixMatch, expiresAt, source)));
    }

    /**
     * Removes a live entry of the scope in the caller's transaction.
     *
     * @return the removed entry; fails with 404 when there is no live entry with this id in the scope
     */
    public Uni<SuppressionEntry> remove(SqlConnection conn, String tenantId, String campaignId, UUID entryId) {
        return entries.markRemoved(conn, tenantId, campaignId, entryId)
                .map(found -> found.orElseThrow(() -> ProblemException.notFound("suppression entry", entryId)))
                .call(removed -> outbox.append(conn, Topics.SUPPRESSION_EVENTS,
                        SuppressionRemoved.of(tenantId, null, removed.id().toString())));
    }

    /** {@link #add} in a transaction of its own; returns the stored entry. */
    public Uni<SuppressionEntry> add(String tenantId, String campaignId, String digits, boolean prefixMatch,
                                     Instant expiresAt, String source, String reason) {
        return pool.withTransaction(conn -> add(conn, tenantId, campaignId, digits, prefixMatch, expiresAt, source, reason))
                .chain(id -> entries.find(tenantId, id))
                .map(found -> found.orElseThrow());
    }

    /** {@link #remove} in a transaction of its own. */
    public Uni<SuppressionEntry> remove(String tenantId, String campaignId, UUID entryId) {
        return pool.withTransaction(conn -> remove(conn, tenantId, campaignId, entryId));
    }

    /**
     * Whether the number may not be called (for the campaign, when given): the entries in force that cover it.
     *
     * @param e164 a normalised number, with '+'
     */
    public Uni<SuppressionCheck> check(String tenantId, String campaignId, String e164) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return entries.activeMatches(tenantId, campaignId, digits)
                .map(found -> new SuppressionCheck(e164, campaignId, !found.isEmpty(), found));
    }

    /** Pure variant for callers holding entries in memory (e.g. a hopper batch). */
    public static boolean isSuppressed(List<SuppressionEntry> inForce, String campaignId, String e164, Instant now) {
        String digits = e164.startsWith("+") ? e164.substring(1) : e164;
        return inForce.stream().anyMatch(e -> e.appliesAt(now) && e.matches(digits, campaignId));
    }

    /** An entry of the scope (campaignId null = tenant-wide), also a removed one; 404 otherwise. */
    public Uni<SuppressionEntry> get(String tenantId, String campaignId, UUID entryId) {
        return entries.find(tenantId, entryId)
                .map(found -> found.filter(e -> java.util.Objects.equals(e.campaignId(), campaignId))
                        .orElseThrow(() -> ProblemException.notFound("suppression entry", entryId)));
    }

    public Uni<Page<SuppressionEntry>> list(String tenantId, String campaignId, String digitsPrefix, String source,
                                            boolean includeInactive, PageParams page) {
        return Page.of(entries.page(tenantId, campaignId, digitsPrefix, source, includeInactive, page),
                entries.count(tenantId, campaignId, digitsPrefix, source, includeInactive), page);
    }

    /** A 400 problem+json naming the field, like Bean Validation's. */
    public static ProblemException invalid(String field, String reason) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + reason);
    }

    /** Normalises a number for an entry or a check; 400 naming the field when it is not a valid number. */
    public static String normaliseOrReject(String field, String raw, String defaultRegion) {
        PhoneNumbers.Normalised n = PhoneNumbers.normalise(raw, defaultRegion);
        if (!n.ok()) {
            throw invalid(field, n.error());
        }
        return n.e164();
    }

    private static final int UPLOAD_BATCH = 500;

    /**
     * Adds entries from a CSV stream (header with the columns number, prefix, expiresAt, reason in any order; number
     * or prefix per row). Read and written batch by batch, each batch in one transaction with its events, so an upload
     * of any size runs in constant memory. Runs on a worker thread (it waits for each batch).
     */
    public SuppressionUploadResult upload(String tenantId, String campaignId, String region, InputStream body) {
        ImportCsvReader csv = new ImportCsvReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        List<ImportRowError> errors = new ArrayList<>();
        long read = 0;
        long added = 0;
        long rejected = 0;
        try {
            ImportCsvReader.CsvRecord header = csv.next();
            if (header == null) {
                throw invalid("body", "is empty; expected a header line: number,prefix,expiresAt,reason");
            }
            int[] col = uploadColumns(header.cells());
            List<Object[]> batch = new ArrayList<>(UPLOAD_BATCH);
            while (true) {
                ImportCsvReader.CsvRecord rec;
                try {
                    rec = csv.next();
                } catch (ImportCsvReader.MalformedCsvException e) {
                    read++;
                    rejected++;
                    addError(errors, new ImportRowError(e.line(), null, e.getMessage()));
                    continue;
                }
                if (rec == null) {
                    break;
                }
                read++;
                Object[] entry = parseUploadRow(rec, col, region, errors);
                if (entry == null) {
                    rejected++;
                    continue;
                }
                batch.add(entry);
                if (batch.size() == UPLOAD_BATCH) {
                    added += writeBatch(tenantId, campaignId, batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                added += writeBatch(tenantId, campaignId, batch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the upload", e);
        }
        return new SuppressionUploadResult(read, added, rejected, errors);
    }

    private static void addError(List<ImportRowError> errors, ImportRowError error) {
        if (errors.size() < SuppressionUploadResult.MAX_LISTED_ERRORS) {
            errors.add(error);
        }
    }

    private long writeBatch(String tenantId, String campaignId, List<Object[]> batch) {
        List<Object[]> rows = List.copyOf(batch);
        return pool.withTransaction(conn -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Object[] row : rows) {
                chain = chain.chain(() -> add(conn, tenantId, campaignId, (String) row[0], (Boolean) row[1], (Instant) row[2],
                        SOURCE_UPLOAD, (String) row[3]).replaceWithVoid());
            }
            return chain;
        }).replaceWith((long) rows.size()).await().indefinitely();
    }

    private static int[] uploadColumns(List<String> header) {
        int[] col = {-1, -1, -1, -1};
        List<String> names = List.of("number", "prefix", "expiresat", "reason");
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i).trim().toLowerCase(Locale.ROOT);
            int known = names.indexOf(name);
            if (known < 0) {
                throw invalid("header", "unknown column '" + header.get(i) + "' (columns: number, prefix, expiresAt, reason)");
            }
            col[known] = i;
        }
        if (col[0] < 0 && col[1] < 0) {
            throw invalid("header", "needs a number or a prefix column");
        }
        return col;
    }

    /** {digits, prefixMatch, expiresAt, reason}, or null after recording why the row is refused. */
    private static Object[] parseUploadRow(ImportCsvReader.CsvRecord rec, int[] col, String region, List<ImportRowError> errors) {
        String number = cell(rec, col[0]);
        String prefix = cell(rec, col[1]);
        String expires = cell(rec, col[2]);
        String reason = cell(rec, col[3]);
        if ((number == null) == (prefix == null)) {
            addError(errors, new ImportRowError(rec.line(), number == null ? "number" : "prefix", "give exactly one of number and prefix"));
            return null;
        }
        String digits;
        if (number != null) {
            PhoneNumbers.Normalised n = PhoneNumbers.normalise(number, region);
            if (!n.ok()) {
                addError(errors, new ImportRowError(rec.line(), "number", n.error()));
                return null;
            }
            digits = n.digits();
        } else {
            digits = prefix.startsWith("+") ? prefix.substring(1) : prefix;
            String problem = PhoneNumbers.prefixError(digits);
            if (problem != null) {
                addError(errors, new ImportRowError(rec.line(), "prefix", problem));
                return null;
            }
        }
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = Instant.parse(expires);
            } catch (DateTimeParseException e) {
                addError(errors, new ImportRowError(rec.line(), "expiresAt", "'" + expires + "' is not an ISO-8601 instant, e.g. 2027-01-01T00:00:00Z"));
                return null;
            }
            if (!expiresAt.isAfter(Instant.now())) {
                addError(errors, new ImportRowError(rec.line(), "expiresAt", "is in the past"));
                return null;
            }
        }
        if (reason != null && reason.length() > 500) {
            addError(errors, new ImportRowError(rec.line(), "reason", "is longer than 500 characters"));
            return null;
        }
        return new Object[]{digits, number == null, expiresAt, reason};
    }

    private static String cell(ImportCsvReader.CsvRecord rec, int index) {
        if (index < 0 || index >= rec.cells().size()) {
            return null;
        }
        String v = rec.cells().get(index).trim();
        return v.isEmpty() ? null : v;
    }
}
