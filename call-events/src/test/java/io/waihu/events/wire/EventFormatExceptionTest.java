package io.waihu.events.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waihu.events.Contract;
import io.waihu.events.billing.CallCharged;
import io.waihu.events.billing.ChargeEvent;
import io.waihu.events.campaign.CampaignEvent;
import io.waihu.events.crm.ContactUpserted;
import io.waihu.events.dialer.CallEnded;
import io.waihu.events.dialer.CallEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The reader's error names the event and the field, so the DLQ reason says what to fix. */
class EventFormatExceptionTest {

    @Test
    void textWhereANumberBelongs() {
        ObjectNode json = Contract.golden("CallEnded");
        json.put("billableSeconds", "abc");

        EventFormatException e = failure(json.toString(), CallEvent.class);

        assertThat(e.eventType()).isEqualTo("CallEnded");
        assertThat(e.fieldPath()).isEqualTo("billableSeconds");
        assertThat(e.getMessage()).startsWith("invalid CallEnded event: field 'billableSeconds':").contains("abc");
    }

    @Test
    void missingRequiredField() {
        ObjectNode json = Contract.golden("CallEnded");
        json.remove("billableSeconds");

        EventFormatException e = failure(json.toString(), CallEnded.class);

        assertThat(e.fieldPath()).isEqualTo("billableSeconds");
        assertThat(e.getMessage()).isEqualTo("invalid CallEnded event: field 'billableSeconds': is required");
    }

    @Test
    void missingRequiredReferenceField() {
        ObjectNode json = Contract.golden("CallEnded");
        json.remove("carrierId");

        assertThat(failure(json.toString(), CallEvent.class).getMessage())
                .isEqualTo("invalid CallEnded event: field 'carrierId': is required");
    }

    @Test
    void nullForANumberIsNotZero() {
        ObjectNode json = Contract.golden("CallEnded");
        json.putNull("billableSeconds");

        assertThat(failure(json.toString(), CallEnded.class).fieldPath()).isEqualTo("billableSeconds");
    }

    @Test
    void fractionForWholeSecondsIsNotTruncated() {
        ObjectNode json = Contract.golden("CallEnded");
        json.put("billableSeconds", 12.5);

        assertThat(failure(json.toString(), CallEnded.class).fieldPath()).isEqualTo("billableSeconds");
    }

    @Test
    void contractRuleBrokenInTheRecord() {
        ObjectNode negative = Contract.golden("CallEnded");
        negative.put("billableSeconds", -1);
        ObjectNode backwards = Contract.golden("CallEnded");
        backwards.put("endedAt", "2026-03-02T09:00:00Z");

        EventFormatException e = failure(negative.toString(), CallEnded.class);
        assertThat(e.fieldPath()).isEqualTo("billableSeconds");
        assertThat(e.getMessage()).contains("must be >= 0");
        assertThat(failure(backwards.toString(), CallEnded.class).fieldPath()).isEqualTo("endedAt");
    }

    @Test
    void pathsReachIntoNestedValuesAndLists() {
        ObjectNode badRate = Contract.golden("CallCharged");
        ((ObjectNode) badRate.at("/breakdown/segments/0/rate")).put("amount", "twelve");
        ObjectNode noCurrency = Contract.golden("CallCharged");
        ((ObjectNode) noCurrency.get("cost")).remove("currency");
        ObjectNode badCurrency = Contract.golden("CallCharged");
        ((ObjectNode) badCurrency.get("cost")).put("currency", "XQZ");
        ObjectNode badPhone = Contract.golden("ContactUpserted");
        ((ObjectNode) ((ArrayNode) badPhone.get("phones")).get(1)).put("number", "021-5555-0123");

        assertThat(failure(badRate.toString(), ChargeEvent.class).fieldPath()).isEqualTo("breakdown.segments[0].rate.amount");
        assertThat(failure(noCurrency.toString(), CallCharged.class).fieldPath()).isEqualTo("cost.currency");
        assertThat(failure(badCurrency.toString(), CallCharged.class).fieldPath()).isEqualTo("cost.currency");
        EventFormatException phone = failure(badPhone.toString(), ContactUpserted.class);
        assertThat(phone.fieldPath()).isEqualTo("phones[1].number");
        assertThat(phone.getMessage()).contains("E.164");
    }

    @Test
    void unknownEnumValue() {
        ObjectNode json = Contract.golden("CallEnded");
        json.put("disposition", "HUNG_UP");

        EventFormatException e = failure(json.toString(), CallEnded.class);

        assertThat(e.fieldPath()).isEqualTo("disposition");
        assertThat(e.getMessage()).contains("HUNG_UP");
    }

    @Test
    void eventOnTheWrongTopicOrOfUnknownType() {
        EventFormatException wrongTopic = failure(Contract.goldenText("CallEnded"), CampaignEvent.class);
        ObjectNode unknown = Contract.golden("CallEnded");
        unknown.put("type", "CallTeleported");
        ObjectNode noType = Contract.golden("CallEnded");
        noType.remove("type");

        assertThat(wrongTopic.fieldPath()).isEqualTo("type");
        assertThat(failure(unknown.toString(), CallEvent.class).fieldPath()).isEqualTo("type");
        assertThat(failure(noType.toString(), CallEvent.class).fieldPath()).isEqualTo("type");
        assertThat(catchThrowableOfType(EventFormatException.class, () -> EventJson.readAny(unknown.toString())).fieldPath())
                .isEqualTo("type");
    }

    @Test
    void eventTypesNewerThanThisContractAreSkippedNotDeadLettered() {
        ObjectNode newer = Contract.golden("CallEnded");
        newer.put("type", "CallTransferred");
        ObjectNode broken = Contract.golden("CallEnded");
        broken.put("billableSeconds", "abc");

        assertThat(EventJson.readIfKnown(newer.toString(), CallEvent.class)).isEmpty();
        assertThat(EventJson.readIfKnown(Contract.goldenText("CallEnded"), CallEvent.class)).containsInstanceOf(CallEnded.class);
        assertThat(catchThrowableOfType(EventFormatException.class,
                () -> EventJson.readIfKnown(broken.toString(), CallEvent.class)).fieldPath()).isEqualTo("billableSeconds");
        assertThat(catchThrowableOfType(EventFormatException.class,
                () -> EventJson.readIfKnown(Contract.goldenText("CallEnded"), CampaignEvent.class)).fieldPath()).isEqualTo("type");
    }

    @Test
    void typeFieldMustMatchTheRequestedRecord() {
        EventFormatException e = failure(Contract.goldenText("CallPlaced"), CallEnded.class);

        assertThat(e.fieldPath()).isEqualTo("type");
    }

    @Test
    void malformedOrEmptyDocuments() {
        EventFormatException truncated = failure("{\"eventId\": \"1b4e28ba", CallEnded.class);

        assertThat(truncated.fieldPath()).isEmpty();
        assertThat(truncated.getMessage()).startsWith("invalid CallEnded event: malformed JSON");
        assertThat(failure("", CallEnded.class).fieldPath()).isEmpty();
        assertThat(failure("null", CallEnded.class).fieldPath()).isEmpty();
        assertThat(catchThrowableOfType(EventFormatException.class, () -> EventJson.read((String) null, CallEnded.class)))
                .hasMessageContaining("no data");
    }

    @Test
    void duplicateFieldsAreRejected() {
        String twice = Contract.goldenText("CallEnded").replaceFirst("\\{", "{\"type\": \"CallPlaced\",");

        assertThat(failure(twice, CallEvent.class).getMessage()).contains("type");
    }

    @Test
    void moneyAcceptsAJsonNumberExactly() {
        ObjectNode json = Contract.golden("CallCharged");
        json.set("cost", Contract.JSON.createObjectNode()
                .put("amount", new java.math.BigDecimal("0.48600000000000000001")).put("currency", "CNY"));

        CallCharged charged = EventJson.read(json.toString(), CallCharged.class);

        assertThat(charged.cost().amount()).isEqualTo(new java.math.BigDecimal("0.48600000000000000001"));
        assertThat(EventJson.write(charged)).contains("\"amount\":\"0.48600000000000000001\"");
    }

    private static EventFormatException failure(String json, Class<?> type) {
        EventFormatException e = catchThrowableOfType(EventFormatException.class, () -> EventJson.read(json, type));
        assertThat(e).as("reading %s should fail", type.getSimpleName()).isNotNull();
        return e;
    }
}
