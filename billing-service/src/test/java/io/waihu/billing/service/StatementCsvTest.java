package io.waihu.billing.service;

import io.waihu.billing.repository.CallDetailRecordRepository.StatementLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StatementCsvTest {

    private static String csvOf(String code, String name) {
        StatementLine line = new StatementLine("c-1", code, name, "MOBILE", "CNY", 2, 90, 96, new BigDecimal("-0.1500"));
        return StatementService.csv(new StatementService.Statement(Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"), List.of(line), Map.of("CNY", new BigDecimal("-0.1500")), 2, 0, Map.of()));
    }

    @Test
    void carrierTextThatASpreadsheetWouldRunIsKeptAsTextAndQuotedPerRfc4180() {
        assertThat(csvOf("@sum", "=HYPERLINK(\"http://x\",\"y\")").lines().toList()).containsExactly(
                "carrierId,destinationClass,currency,calls,billableSeconds,billedSeconds,cost,carrierCode,carrierName",
                "c-1,MOBILE,CNY,2,90,96,-0.1500,'@sum,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
        // an amount keeps its sign; ordinary names stay as they are
        assertThat(csvOf("cm", "China Mobile").lines().skip(1).findFirst().orElseThrow())
                .isEqualTo("c-1,MOBILE,CNY,2,90,96,-0.1500,cm,China Mobile");
    }
}
