package dev.flywheel.verify.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A suggested call: which tool, with which parameters. */
public record ToolCall(String tool, ObjectNode parameters) {
}
