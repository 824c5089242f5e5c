package io.waihu.campaign.domain;

import io.waihu.events.campaign.CallingWindow;
import io.waihu.events.campaign.DialPolicy;
import io.waihu.events.dialer.CallDisposition;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pure rules over campaign settings: defaults, cross-field checks, and what they mean with a rule pack applied. */
public final class CampaignPolicy {

    /** A settings field that is wrong, named as the client sent it. */
    public record FieldError(String field, String message) {
    }

    private CampaignPolicy() {
    }

    /** Default windows when a campaign names none: Monday to Saturday, 09:00-20:00 callee local time. */
    public static final List<CampaignSettings.WindowSpec> DEFAULT_WINDOWS = List.of(
            new CampaignSettings.WindowSpec(DayOfWeek.MONDAY, "09:00", "20:00"),
            new CampaignSettings.WindowSpec(DayOfWeek.TUESDAY, "09:00", "20:00"),
            new CampaignSettings.WindowSpec(DayOfWeek.WEDNESDAY, "09:00", "20:00"),
            new CampaignSettings.WindowSpec(DayOfWeek.THURSDAY, "09:00", "20:00"),
            new CampaignSettings.WindowSpec(DayOfWeek.FRIDAY, "09:00", "20:00"),
            new CampaignSettings.WindowSpec(DayOfWeek.SATURDAY, "09:00", "20:00"));

    /** The settings with every optional part filled in, so what is stored is what applies. */
    public static CampaignSettings withDefaults(CampaignSettings s) {
        CampaignSettings.Caps caps = s.caps() == null ? CampaignSettings.Caps.DEFAULT : new CampaignSettings.Caps(
                s.caps().maxAttemptsPerContact() == null ? CampaignSettings.Caps.DEFAULT.maxAttemptsPerContact() : s.caps().maxAttemptsPerContact(),
                s.caps().maxAttemptsPerDay() == null ? CampaignSettings.Caps.DEFAULT.maxAttemptsPerDay() : s.caps().maxAttemptsPerDay(),
                s.caps().maxAttemptsPer7Days() == null ? CampaignSettings.Caps.DEFAULT.maxAttemptsPer7Days() : s.caps().maxAttemptsPer7Days());
        Map<CallDisposition, String> delays = new EnumMap<>(CallDisposition.class);
        RetryPlan.DEFAULT_DELAYS.forEach((d, v) -> delays.put(d, v.toString()));
        if (s.retryDelays() != null) {
            delays.putAll(s.retryDelays());
        }
        return new CampaignSettings(s.name(), s.dialMode(), s.callerId(), List.copyOf(s.listIds()), s.startDate(), s.endDate(),
                s.timeZone(), s.callingWindows() == null || s.callingWindows().isEmpty() ? DEFAULT_WINDOWS : s.callingWindows(),
                s.blackoutDates() == null ? List.of() : s.blackoutDates(), s.rulePack(), s.rulePackVersion(), caps,
                new LinkedHashMap<>(delays), s.budget(),
                s.budgetAlertPercents() == null ? CampaignSettings.DEFAULT_ALERT_PERCENTS : s.budgetAlertPercents(),
                s.allowedCarrierIds() == null ? List.of() : s.allowedCarrierIds(),
                s.segment() == null ? Map.of() : s.segment(),
                s.hopperSize() == null ? CampaignSettings.DEFAULT_HOPPER_SIZE : s.hopperSize(),
                s.dispositions() == null || s.dispositions().isEmpty() ? DispositionDefinition.DEFAULTS : s.dispositions(),
                s.maxConcurrentCalls(), s.maxCallsPerSecond(), s.priority() == null ? 0 : s.priority());
    }

    /** Checks Bean Validation cannot express; empty when the settings are consistent. */
    public static List<FieldError> check(CampaignSettings s) {
        List<FieldError> errors = new ArrayList<>();
        if (!CalleeZones.isValidE164(s.callerId())) {
            errors.add(new FieldError("callerId", "is not a valid phone number"));
        }
        if (s.callingWindows() != null) {
            for (int i = 0; i < s.callingWindows().size(); i++) {
                CampaignSettings.WindowSpec w = s.callingWindows().get(i);
                if (w != null && w.start() != null && w.end() != null && w.start().matches("\\d\\d:\\d\\d") && w.end().matches("\\d\\d:\\d\\d")
                        && w.endMinute() <= w.startMinute()) {
                    errors.add(new FieldError("callingWindows[" + i + "].end", "must be after start"));
                }
            }
        }
        if (s.timeZone() != null) {
            try {
                ZoneId.of(s.timeZone());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timeZone", "is not an IANA time zone"));
            }
        }
        Instant start = null;
        Instant end = null;
        try {
            start = instant(s.startDate(), s.timeZone(), false);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("startDate", e.getMessage()));
        }
        try {
            end = instant(s.endDate(), s.timeZone(), true);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("endDate", e.getMessage()));
        }
        if (start != null && end != null && !end.isAfter(start)) {
            errors.add(new FieldError("endDate", "must be after startDate"));
        }
        if (s.retryDelays() != null) {
            s.retryDelays().forEach((d, v) -> {
                try {
                    Duration parsed = Duration.parse(v);
                    if (parsed.isNegative() || parsed.isZero()) {
                        errors.add(new FieldError("retryDelays." + d, "must be positive"));
                    }
                } catch (DateTimeParseException | NullPointerException e) {
                    errors.add(new FieldError("retryDelays." + d, "must be an ISO-8601 duration such as PT30M"));
                }
            });
            if (s.retryDelays().containsKey(CallDisposition.ANSWERED_HUMAN)) {
                errors.add(new FieldError("retryDelays.ANSWERED_HUMAN", "an answered contact is done; record a CALLBACK outcome instead"));
            }
        }
        if (s.budget() != null && s.budget().signum() <= 0) {
            errors.add(new FieldError("budget.amount", "must be positive"));
        }
        if (s.segment() != null) {
            s.segment().forEach((k, v) -> {
                boolean ok = v instanceof String || v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(x -> x instanceof String);
                if (!ok) {
                    errors.add(new FieldError("segment." + k, "must be a string or a non-empty list of strings"));
                }
            });
        }
        if (s.dispositions() != null) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < s.dispositions().size(); i++) {
                DispositionDefinition d = s.dispositions().get(i);
                if (d != null && d.code() != null && !seen.add(d.code())) {
                    errors.add(new FieldError("dispositions[" + i + "].code", "duplicate code " + d.code()));
                }
            }
        }
        return errors;
    }

    /**
     * Reads an instant, an offset date-time, a local date-time or a date (in zone).
     *
     * @param endOfDay a bare date means the end of that day (the next midnight) rather than its start
     */
    public static Instant instant(String text, String zone, boolean endOfDay) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        ZoneId z;
        try {
            z = zone == null ? null : ZoneId.of(zone);
        } catch (DateTimeException e) {
            z = null;
        }
        try {
            LocalDateTime local = LocalDateTime.parse(text);
            if (z == null) {
                throw new IllegalArgumentException("a date-time without offset needs timeZone");
            }
            return local.atZone(z).toInstant();
        } catch (DateTimeParseException ignored) {
            // next form
        }
        try {
            LocalDate date = LocalDate.parse(text);
            if (z == null) {
                throw new IllegalArgumentException("a date needs timeZone");
            }
            return (endOfDay ? date.plusDays(1) : date).atStartOfDay(z).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 instant, date-time with offset or date");
        }
    }

    public static List<CallingWindow> campaignWindows(CampaignSettings s) {
        List<CampaignSettings.WindowSpec> specs = s.callingWindows() == null || s.callingWindows().isEmpty() ? DEFAULT_WINDOWS : s.callingWindows();
        return specs.stream().map(w -> new CallingWindow(w.day(), w.startMinute(), w.endMinute())).toList();
    }

    /** The campaign's windows narrowed to the pack's legal hours: what is published and enforced. */
    public static List<CallingWindow> effectiveWindows(CampaignSettings s, RulePack pack) {
        return CallingSchedule.intersect(campaignWindows(s), pack.legalWindows());
    }

    public static CallingSchedule schedule(CampaignSettings s, RulePack pack) {
        return new CallingSchedule(effectiveWindows(s, pack), s.blackoutDates() == null ? List.of() : s.blackoutDates());
    }

    public static DialPolicy dialPolicy(CampaignSettings s, RulePack pack) {
        return new DialPolicy(pack.version(), s.callerId(), effectiveWindows(s, pack),
                s.blackoutDates() == null ? List.of() : s.blackoutDates(), pack.abandonLimitBasisPoints(), pack.abandonWindow(),
                pack.abandonWindowZone(), pack.noRedialAfterAbandonHours(), s.maxConcurrentCalls(), s.maxCallsPerSecond());
    }

    public static HopperRules.Limits limits(CampaignSettings s, RulePack pack) {
        CampaignSettings.Caps caps = withDefaults(s).caps();
        return new HopperRules.Limits(schedule(s, pack), caps.maxAttemptsPerContact(), caps.maxAttemptsPerDay(),
                caps.maxAttemptsPer7Days(), pack.consentRequired(), pack.noRedialAfterAbandonHours());
    }

    public static Map<CallDisposition, Duration> retryDelays(CampaignSettings s) {
        Map<CallDisposition, Duration> out = new EnumMap<>(RetryPlan.DEFAULT_DELAYS);
        if (s.retryDelays() != null) {
            s.retryDelays().forEach((d, v) -> out.put(d, Duration.parse(v)));
        }
        return out;
    }
}
