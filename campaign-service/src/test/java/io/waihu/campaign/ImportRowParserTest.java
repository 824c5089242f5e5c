package io.waihu.campaign;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.waihu.campaign.domain.ImportRowError;
import io.waihu.campaign.domain.ImportRowParser;
import io.waihu.campaign.domain.ImportedContact;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImportRowParserTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private final ImportRowParser cn = new ImportRowParser("CN", new ObjectMapper(), NOW);

    private static List<String> cells(String line) {
        return List.of(line.split(",", -1));
    }

    @Test
    void nationalNumbersAreReadInTheDefaultRegion() {
        ImportRowParser.CsvLayout layout = ImportRowParser.layout(cells("externalId,phone1,phone2,phone2Type"));
        ImportedContact c = cn.csv(2, cells("a,138 0013 8000,(010) 6552-9988,work"), layout).contact();
        assertThat(c.phones()).extracting(p -> p.number() + "/" + p.type()).containsExactly("+8613800138000/MOBILE", "+861065529988/WORK");
        ImportedContact gb = new ImportRowParser("GB", new ObjectMapper(), NOW)
                .csv(2, cells("a,020 7946 0001,+86 138 0013 8000,"), layout).contact();
        assertThat(gb.phones()).extracting(p -> p.number()).containsExactly("+442079460001", "+8613800138000");
    }

    @Test
    void everyProblemOfARowIsReportedWithItsColumn() {
        ImportRowParser.CsvLayout layout = ImportRowParser.layout(
                cells("externalId,name,phone1,phone1Type,zone,consentBasis,consentAt,consentSource"));
        List<ImportRowError> errors = cn.csv(7, cells(",x,999,FAX,Asia/Nowhere,OK,2027-01-01T00:00:00Z,"), layout).errors();
        assertThat(errors).extracting(ImportRowError::column)
                .containsExactly("externalId", "phone1Type", "phone1", "zone", "consentAt", "consentSource");
        assertThat(errors).allMatch(e -> e.line() == 7);
        assertThat(cn.csv(3, cells("a,,,,,,,"), layout).errors()).extracting(ImportRowError::reason)
                .containsExactly("at least one phone number is required");
        assertThat(cn.csv(3, cells("a,,13800138000,,,,,,extra"), layout).errors()).hasSize(1);
    }

    @Test
    void headersThatCannotBeReadAreRefused() {
        assertThatThrownBy(() -> ImportRowParser.layout(cells("name,phone1"))).hasMessageContaining("externalId");
        assertThatThrownBy(() -> ImportRowParser.layout(cells("externalId,name"))).hasMessageContaining("phone1");
        assertThatThrownBy(() -> ImportRowParser.layout(cells("externalId,phone1,phone1"))).hasMessageContaining("twice");
        assertThatThrownBy(() -> ImportRowParser.layout(cells("externalId,phone1,email"))).hasMessageContaining("unknown column 'email'");
        assertThatThrownBy(() -> ImportRowParser.layout(cells("externalId,phone1,phone2Type"))).hasMessageContaining("phone2");
        // a byte order mark and any letter case are fine
        assertThat(ImportRowParser.layout(cells("\uFEFFEXTERNALID,Phone1,attr.Tier"))).isNotNull();
    }

    @Test
    void jsonRowsNameNestedFields() {
        ImportRowParser.Parsed ok = cn.jsonLine(1, "{\"externalId\":42,\"phones\":[{\"number\":\"13800138000\",\"type\":\"home\"}],"
                + "\"attributes\":{\"vip\":true}}");
        assertThat(ok.contact().externalId()).isEqualTo("42");
        assertThat(ok.contact().phones().get(0).type()).isEqualTo("HOME");
        assertThat(ok.contact().attributes()).containsEntry("vip", "true");
        assertThat(cn.jsonLine(2, "{\"externalId\":\"a\",\"phones\":[{\"number\":\"1\"},{\"number\":\"13800138000\",\"type\":\"X\"}],"
                + "\"consent\":{\"basis\":\"B\"}}").errors()).extracting(ImportRowError::column)
                .containsExactly("phones[0].number", "phones[1].type", "consent.grantedAt", "consent.source");
        assertThat(cn.jsonLine(3, "[1,2]").errors()).extracting(ImportRowError::reason).containsExactly("must be a JSON object");
    }
}
