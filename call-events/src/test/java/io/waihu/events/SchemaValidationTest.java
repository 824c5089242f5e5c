package io.waihu.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.waihu.events.wire.EventCatalog;
import io.waihu.events.wire.EventFormatException;
import io.waihu.events.wire.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Goldens against their JSON Schemas, and the reader and the schema agreeing on what is required. */
class SchemaValidationTest {

    static List<EventCatalog.Entry> entries() {
        return EventCatalog.all();
    }

    /** (event type, top-level field) for every component of every event. */
    static List<Arguments> requiredFields() {
        return fields(false);
    }

    static List<Arguments> optionalFields() {
        return fields(true);
    }

    private static List<Arguments> fields(boolean optional) {
        List<Arguments> out = new ArrayList<>();
        for (EventCatalog.Entry entry : EventCatalog.all()) {
            for (RecordComponent component : entry.eventClass().getRecordComponents()) {
                if (component.isAnnotationPresent(OptionalField.class) == optional) {
                    out.add(Arguments.of(entry.type(), component.getName()));
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void goldenIsValid(EventCatalog.Entry entry) {
        assertThat(Contract.validate(entry.type(), Contract.golden(entry.type()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void whatTheRecordWritesIsValid(EventCatalog.Entry entry) {
        WaihuEvent event = EventJson.read(Contract.goldenText(entry.type()), entry.eventClass());

        JsonNode written = Contract.JSON.valueToTree(event);

        assertThat(Contract.validate(entry.type(), written)).isEmpty();
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("requiredFields")
    void withoutARequiredFieldBothSchemaAndReaderReject(String type, String field) {
        ObjectNode golden = Contract.golden(type);
        assertThat(golden.has(field)).as("golden %s has %s", type, field).isTrue();
        golden.remove(field);

        Set<ValidationMessage> errors = Contract.validate(type, golden);
        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(message -> message.contains(field));

        Class<? extends WaihuEvent> eventClass = EventCatalog.require(type).eventClass();
        assertThatThrownBy(() -> EventJson.read(golden.toString(), eventClass))
                .isInstanceOf(EventFormatException.class)
                .satisfies(e -> assertThat(((EventFormatException) e).fieldPath()).isEqualTo(field))
                .hasMessageContaining(field);
    }

    @ParameterizedTest(name = "{0} with null {1}")
    @MethodSource("requiredFields")
    void aRequiredFieldSetToNullIsRejectedToo(String type, String field) {
        ObjectNode golden = Contract.golden(type);
        golden.putNull(field);

        assertThat(Contract.validate(type, golden)).isNotEmpty();
        Class<? extends WaihuEvent> eventClass = EventCatalog.require(type).eventClass();
        assertThatThrownBy(() -> EventJson.read(golden.toString(), eventClass))
                .isInstanceOf(EventFormatException.class)
                .satisfies(e -> assertThat(((EventFormatException) e).fieldPath()).isEqualTo(field));
    }

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("optionalFields")
    void anOptionalFieldMayBeAbsentOrNull(String type, String field) throws Exception {
        Class<? extends WaihuEvent> eventClass = EventCatalog.require(type).eventClass();
        ObjectNode absent = Contract.golden(type);
        absent.remove(field);
        ObjectNode explicitNull = Contract.golden(type);
        explicitNull.putNull(field);

        assertThat(Contract.validate(type, absent)).isEmpty();
        assertThat(Contract.validate(type, explicitNull)).isEmpty();
        WaihuEvent fromAbsent = EventJson.read(absent.toString(), eventClass);
        assertThat(EventJson.read(explicitNull.toString(), eventClass)).isEqualTo(fromAbsent);
        Object value = eventClass.getMethod(field).invoke(fromAbsent);
        assertThat(value).satisfiesAnyOf(
                v -> assertThat(v).isNull(),
                v -> assertThat(v).isInstanceOf(java.util.Map.class).asInstanceOf(
                        org.assertj.core.api.InstanceOfAssertFactories.MAP).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void unknownFieldsAreIgnoredForForwardCompatibility(EventCatalog.Entry entry) {
        ObjectNode golden = Contract.golden(entry.type());
        WaihuEvent original = EventJson.read(golden.toString(), entry.eventClass());
        golden.put("addedInAFutureMinorVersion", "anything");
        golden.putObject("anotherNewBlock").put("nested", 42);

        assertThat(Contract.validate(entry.type(), golden)).isEmpty();
        assertThat(EventJson.read(golden.toString(), entry.eventClass())).isEqualTo(original);
    }

    @Test
    void unknownFieldsInsideNestedValuesAreIgnoredToo() {
        ObjectNode golden = Contract.golden("CallCharged");
        WaihuEvent original = EventJson.read(golden.toString(), EventCatalog.require("CallCharged").eventClass());
        ((ObjectNode) golden.get("cost")).put("fxRate", "1.0");
        ((ObjectNode) golden.get("breakdown").get("segments").get(0)).put("carrierBand", "P");

        assertThat(Contract.validate("CallCharged", golden)).isEmpty();
        assertThat(EventJson.read(golden.toString(), original.getClass())).isEqualTo(original);
    }

    @Test
    void schemaRejectsBadFormats() {
        ObjectNode badNumber = Contract.golden("CallEnded");
        badNumber.put("number", "0138000138000");
        ObjectNode localTime = Contract.golden("CallEnded");
        localTime.put("endedAt", "2026-03-02T17:18:37.500+08:00");
        ObjectNode floatMoney = Contract.golden("CallRerated");
        ((ObjectNode) floatMoney.get("delta")).put("amount", "-5.4e-2");
        ObjectNode badEnum = Contract.golden("CallEnded");
        badEnum.put("disposition", "HUNG_UP");

        assertThat(Contract.validate("CallEnded", badNumber)).isNotEmpty();
        assertThat(Contract.validate("CallEnded", localTime)).isNotEmpty();
        assertThat(Contract.validate("CallRerated", floatMoney)).isNotEmpty();
        assertThat(Contract.validate("CallEnded", badEnum)).isNotEmpty();
    }
}
