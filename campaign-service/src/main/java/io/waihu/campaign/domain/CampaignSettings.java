package io.waihu.campaign.domain;

import io.waihu.events.Money;
import io.waihu.events.campaign.DialMode;
import io.waihu.events.dialer.CallDisposition;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Everything a client sets on a campaign. Stored as given (after defaults are filled in) and returned as is.
 *
 * @param startDate ISO instant ("2026-12-01T08:00:00Z"), date-time with offset, or a date ("2026-12-01") read in
 *                  {@code timeZone}; absent = as soon as started
 * @param endDate   same forms; a date means the end of that day in {@code timeZone}
 * @param segment   attribute filter: {"region":"east"} (equality) or {"tier":["gold","silver"]} (one of)
 */
@Schema(description = "Campaign settings")
public record CampaignSettings(
        @NotBlank @Size(max = 200) String name,
        @NotNull DialMode dialMode,
        @NotBlank @Pattern(regexp = "\\+[1-9][0-9]{6,14}", message = "must be an E.164 number, e.g. +14155550100") String callerId,
        @NotEmpty List<@NotBlank @Size(max = 100) String> listIds,
        @Schema(example = "2026-12-01T08:00:00Z") String startDate,
        @Schema(example = "2026-12-31") String endDate,
        @Schema(description = "IANA zone for date-only startDate/endDate", example = "Europe/London") String timeZone,
        @Size(max = 70) List<@Valid @NotNull WindowSpec> callingWindows,
        @Size(max = 1000) List<@NotNull LocalDate> blackoutDates,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be a rule pack id such as US, UK or CN") String rulePack,
        @Min(1) Integer rulePackVersion,
        @Valid Caps caps,
        Map<CallDisposition, @NotBlank @Pattern(regexp = "P.+", message = "must be an ISO-8601 duration such as PT30M") String> retryDelays,
        Money budget,
        @Size(max = 10) List<@NotNull @Min(1) @Max(1000) Integer> budgetAlertPercents,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> allowedCarrierIds,
        @Size(max = 20) Map<@Pattern(regexp = "[A-Za-z0-9_.-]{1,64}", message = "must be an attribute name") String, Object> segment,
        @Min(1) @Max(1000) Integer hopperSize,
        @Size(max = 100) List<@Valid @NotNull DispositionDefinition> dispositions,
        @Min(1) @Max(10_000) Integer maxConcurrentCalls,
        @Min(1) @Max(1_000) Integer maxCallsPerSecond,
        @Min(0) @Max(100) Integer priority) {

    public static final int DEFAULT_HOPPER_SIZE = 50;
    public static final List<Integer> DEFAULT_ALERT_PERCENTS = List.of(80, 100);

    /** Hours on one weekday in the callee's local time, "HH:mm" to "HH:mm" (end exclusive; "24:00" = midnight). */
    public record WindowSpec(
            @NotNull DayOfWeek day,
            @NotBlank @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]", message = "must be HH:mm") String start,
            @NotBlank @Pattern(regexp = "([01][0-9]|2[0-3]):[0-5][0-9]|24:00", message = "must be HH:mm or 24:00") String end) {

        public int startMinute() {
            return minutes(start);
        }

        public int endMinute() {
            return minutes(end);
        }

        static int minutes(String hhmm) {
            return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
        }
    }

    /** Attempt limits per contact in this campaign; per day and per 7 days are rolling periods. */
    public record Caps(@Min(1) @Max(100) Integer maxAttemptsPerContact,
                       @Min(1) @Max(100) Integer maxAttemptsPerDay,
                       @Min(1) @Max(700) Integer maxAttemptsPer7Days) {

        public static final Caps DEFAULT = new Caps(5, 3, 7);
    }
}
