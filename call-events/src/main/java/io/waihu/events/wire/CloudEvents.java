package io.waihu.events.wire;

import io.waihu.events.WaihuEvent;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: the JSON event is the record value and
 * the CloudEvents attributes travel as {@code ce_*} headers, so a consumer can route or drop a record by
 * type without parsing it. Kept free of kafka-clients types: headers are plain names and values.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public static final String SPECVERSION = "ce_specversion";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    /** Extension attribute {@code tenantid}. */
    public static final String TENANT_ID = "ce_tenantid";
    /** The binding maps datacontenttype to this plain header. */
    public static final String CONTENT_TYPE = "content-type";

    public static final String TYPE_PREFIX = "io.waihu.";
    public static final String SOURCE_PREFIX = "/waihu/";

    private static final Pattern CE_TYPE = Pattern.compile("io\\.waihu\\.([A-Za-z][A-Za-z0-9]*)\\.v([0-9]+)");

    private CloudEvents() {
    }

    /**
     * The headers for one event, in a stable order.
     *
     * @param producerService the publishing service, e.g. {@code dialer-service}; becomes {@code /waihu/<name>}
     */
    public static Map<String, String> headersFor(WaihuEvent event, String producerService) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SPECVERSION, SPEC_VERSION);
        headers.put(ID, event.eventId().toString());
        headers.put(SOURCE, source(producerService));
        headers.put(TYPE, ceType(event.type(), event.schemaVersion()));
        headers.put(TIME, DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()));
        headers.put(SUBJECT, event.aggregateId());
        headers.put(TENANT_ID, event.tenantId());
        headers.put(CONTENT_TYPE, JSON);
        return Collections.unmodifiableMap(headers);
    }

    /** As {@link #headersFor(WaihuEvent, String)} with the producer the event's topic declares. */
    public static Map<String, String> headersFor(WaihuEvent event) {
        String producer = EventCatalog.of(event.getClass()).topicSpec().producer();
        return headersFor(event, producer);
    }

    /** The same headers as UTF-8 bytes, ready for Kafka record headers. */
    public static Map<String, byte[]> headerBytesFor(WaihuEvent event, String producerService) {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        headersFor(event, producerService).forEach((name, value) -> bytes.put(name, value.getBytes(StandardCharsets.UTF_8)));
        return Collections.unmodifiableMap(bytes);
    }

    /** {@code io.waihu.<type>.v<schemaVersion>}, e.g. {@code io.waihu.CallEnded.v1}. */
    public static String ceType(String eventType, int schemaVersion) {
        return TYPE_PREFIX + eventType + ".v" + schemaVersion;
    }

    public static String source(String producerService) {
        if (producerService == null || producerService.isBlank()) {
            throw new IllegalArgumentException("producerService is required");
        }
        return SOURCE_PREFIX + producerService;
    }

    /** The event type in a ce_type, e.g. {@code CallEnded} from {@code io.waihu.CallEnded.v1}. */
    public static String eventTypeOf(String ceType) {
        return parse(ceType).group(1);
    }

    /** The schema version in a ce_type, e.g. 1 from {@code io.waihu.CallEnded.v1}. */
    public static int schemaVersionOf(String ceType) {
        return Integer.parseInt(parse(ceType).group(2));
    }

    /** Whether a ce_type names a Waihu event; other types on a topic can be skipped without parsing. */
    public static boolean isWaihuType(String ceType) {
        return ceType != null && CE_TYPE.matcher(ceType).matches();
    }

    /** Decodes a header value written by {@link #headerBytesFor}; null stays null. */
    public static String text(byte[] headerValue) {
        return headerValue == null ? null : new String(headerValue, StandardCharsets.UTF_8);
    }

    private static Matcher parse(String ceType) {
        Matcher matcher = ceType == null ? null : CE_TYPE.matcher(ceType);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("not a Waihu ce_type (io.waihu.<Type>.v<N>): " + ceType);
        }
        return matcher;
    }
}
