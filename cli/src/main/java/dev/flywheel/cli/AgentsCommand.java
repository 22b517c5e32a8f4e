package dev.flywheel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.flywheel.cli.api.ApiClient;
import dev.flywheel.cli.config.ConfigError;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "agents", mixinStandardHelpOptions = true, description = "List, show and activate agents' variants.")
public class AgentsCommand {

    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every agent: slug, name, base model and id.")
    int list(@Mixin Connection connection) {
        ApiClient client = connection.client();
        JsonNode agents = client.get("/api/agents?limit=500");
        if (connection.json) {
            Output.json(spec.commandLine().getOut(), agents);
            return ExitCodes.OK;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "slug", "name", "model", "id" });
        for (JsonNode agent : agents.path("items")) {
            rows.add(new String[] { Output.text(agent, "slug"), Output.text(agent, "name"),
                    Output.text(agent, "model_provider") + ":" + Output.text(agent, "model_name"), Output.text(agent, "id") });
        }
        Output.table(spec.commandLine().getOut(), rows);
        return ExitCodes.OK;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "An agent and its variants.")
    int show(@Mixin Connection connection, @Parameters(paramLabel = "<agent>", description = "slug or id") String agent) {
        ApiClient client = connection.client();
        JsonNode found = agent(client, agent);
        JsonNode variants = client.get("/api/agents/" + found.path("id").asText() + "/variants?limit=500");
        if (connection.json) {
            com.fasterxml.jackson.databind.node.ObjectNode both = found.deepCopy();
            both.set("variants", variants.path("items"));
            Output.json(spec.commandLine().getOut(), both);
            return ExitCodes.OK;
        }
        spec.commandLine().getOut().println(Output.text(found, "name") + " (" + Output.text(found, "slug") + ", "
                + Output.text(found, "id") + ")");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] { "variant", "active", "model", "id" });
        for (JsonNode variant : variants.path("items")) {
            rows.add(new String[] { Output.text(variant, "variant_slug"), variant.path("is_active").asBoolean() ? "yes" : "no",
                    Output.text(variant, "model_provider") + ":" + Output.text(variant, "model_name"),
                    Output.text(variant, "id") });
        }
        Output.table(spec.commandLine().getOut(), rows);
        return ExitCodes.OK;
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Make a variant the agent's active one.")
    int activate(@Mixin Connection connection,
            @Parameters(index = "0", paramLabel = "<agent>", description = "slug or id") String agent,
            @Parameters(index = "1", paramLabel = "<variant>", description = "variant slug or id") String variant) {
        ApiClient client = connection.client();
        String agentId = agent(client, agent).path("id").asText();
        String variantId = null;
        for (JsonNode candidate : client.get("/api/agents/" + agentId + "/variants?limit=500").path("items")) {
            if (variant.equals(candidate.path("variant_slug").asText()) || variant.equals(candidate.path("id").asText())) {
                variantId = candidate.path("id").asText();
            }
        }
        if (variantId == null) {
            throw new ConfigError(null, 0, "<variant>", "agent " + agent + " has no variant '" + variant + "'");
        }
        JsonNode activated = client.post("/api/agents/" + agentId + "/variants/" + variantId + "/activate", null);
        if (connection.json) {
            Output.json(spec.commandLine().getOut(), activated);
        } else {
            spec.commandLine().getOut().println("activated " + Output.text(activated, "variant_slug") + " of " + agent);
        }
        return ExitCodes.OK;
    }

    static JsonNode agent(ApiClient client, String agent) {
        if (isUuid(agent)) {
            return client.get("/api/agents/" + agent);
        }
        return client.get("/api/agents/by-slug/" + URLEncoder.encode(agent, StandardCharsets.UTF_8));
    }

    private static boolean isUuid(String text) {
        try {
            UUID.fromString(text);
            return text.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
