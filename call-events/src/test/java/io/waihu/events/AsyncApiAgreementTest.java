package io.waihu.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.waihu.events.wire.CloudEvents;
import io.waihu.events.wire.EventCatalog;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** asyncapi.yaml describes exactly the topics, services, messages and schemas the code knows. */
class AsyncApiAgreementTest {

    private final JsonNode doc = Contract.asyncApi();

    @Test
    void isAnAsyncApi3Document() {
        assertThat(doc.get("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.get("defaultContentType").asText()).isEqualTo(CloudEvents.JSON);
    }

    @Test
    void everyTopicIsAChannelWithItsKeyProducerConsumersAndPartitions() {
        for (TopicSpec topic : Topics.all()) {
            JsonNode channel = channelFor(topic.name());

            assertThat(channel.get("x-key").asText()).as(topic.name()).isEqualTo(topic.keyField());
            assertThat(channel.get("x-producer").asText()).as(topic.name()).isEqualTo(topic.producer());
            assertThat(texts(channel.get("x-consumers"))).as(topic.name()).isEqualTo(topic.consumers());
            assertThat(channel.at("/bindings/kafka/partitions").asInt()).as(topic.name()).isEqualTo(topic.partitions());
            assertThat(channel.at("/bindings/kafka/topic").asText()).isEqualTo(topic.name());
            assertThat(fieldNames(channel.get("messages"))).as(topic.name())
                    .isEqualTo(EventCatalog.onTopic(topic.name()).stream().map(EventCatalog.Entry::type)
                            .collect(Collectors.toSet()));
        }
        assertThat(doc.get("channels").size()).isEqualTo(Topics.all().size());
    }

    @Test
    void producersSendAndConsumersReceiveAndNobodyElse() {
        Map<String, String> channelIdByTopic = new java.util.HashMap<>();
        doc.get("channels").fields().forEachRemaining(e -> channelIdByTopic.put(e.getValue().get("address").asText(), e.getKey()));

        Set<String> expected = new HashSet<>();
        for (TopicSpec topic : Topics.all()) {
            String ref = "#/channels/" + channelIdByTopic.get(topic.name());
            expected.add("send " + topic.producer() + " " + ref);
            topic.consumers().forEach(consumer -> expected.add("receive " + consumer + " " + ref));
        }
        Set<String> actual = new HashSet<>();
        doc.get("operations").forEach(op -> {
            actual.add(op.get("action").asText() + " " + op.get("x-service").asText() + " "
                    + op.at("/channel/$ref").asText());
            String channelId = op.at("/channel/$ref").asText().substring("#/channels/".length());
            Set<String> opMessages = new HashSet<>();
            op.get("messages").forEach(m -> opMessages.add(m.get("$ref").asText()));
            assertThat(opMessages).isEqualTo(fieldNames(doc.get("channels").get(channelId).get("messages")).stream()
                    .map(name -> "#/channels/" + channelId + "/messages/" + name).collect(Collectors.toSet()));
            if (op.get("action").asText().equals("receive")) {
                assertThat(texts(op.at("/bindings/kafka/groupId/enum"))).containsExactly(op.get("x-service").asText());
            }
        });
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void everyMessageRefersToAnExistingSchemaAndEverySchemaHasAMessage() {
        JsonNode messages = doc.at("/components/messages");
        Set<String> referenced = new HashSet<>();
        messages.fields().forEachRemaining(e -> {
            String ref = e.getValue().at("/payload/schema/$ref").asText();
            assertThat(ref).startsWith("./");
            String resource = ref.substring(2);
            assertThat(Contract.resourceExists(resource)).as(ref).isTrue();
            assertThat(resource).isEqualTo(EventCatalog.require(e.getKey()).schemaResource());
            referenced.add(resource);
        });

        assertThat(referenced).isEqualTo(EventCatalog.all().stream().map(EventCatalog.Entry::schemaResource)
                .collect(Collectors.toSet()));
    }

    @Test
    void messagesCarryTheKeyAndTheCloudEventsHeaders() {
        for (EventCatalog.Entry entry : EventCatalog.all()) {
            JsonNode message = doc.at("/components/messages/" + entry.type());

            assertThat(message.get("name").asText()).isEqualTo(entry.type());
            assertThat(message.get("contentType").asText()).isEqualTo(CloudEvents.JSON);
            assertThat(message.at("/bindings/kafka/key/x-key-field").asText()).isEqualTo(entry.topicSpec().keyField());
            JsonNode headers = message.get("headers").get("allOf");
            assertThat(headers.get(0).get("$ref").asText()).isEqualTo("#/components/schemas/CloudEventsHeaders");
            assertThat(headers.get(1).at("/properties/ce_type/const").asText())
                    .isEqualTo(CloudEvents.ceType(entry.type(), WaihuEvent.SCHEMA_VERSION));
        }
        JsonNode ceHeaders = doc.at("/components/schemas/CloudEventsHeaders");
        assertThat(fieldNames(ceHeaders.get("properties"))).isEqualTo(Set.of(CloudEvents.SPECVERSION, CloudEvents.ID,
                CloudEvents.SOURCE, CloudEvents.TYPE, CloudEvents.TIME, CloudEvents.SUBJECT, CloudEvents.TENANT_ID,
                CloudEvents.CONTENT_TYPE));
    }

    private JsonNode channelFor(String topic) {
        List<JsonNode> matches = new ArrayList<>();
        doc.get("channels").forEach(channel -> {
            if (channel.get("address").asText().equals(topic)) {
                matches.add(channel);
            }
        });
        assertThat(matches).as("channels with address %s", topic).hasSize(1);
        return matches.get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private static Set<String> fieldNames(JsonNode object) {
        Set<String> out = new HashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
