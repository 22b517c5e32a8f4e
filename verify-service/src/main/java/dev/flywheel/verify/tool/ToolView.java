package dev.flywheel.verify.tool;

/** A tool as {@code GET /api/tools} lists it. */
public record ToolView(String name, String description, String backend, boolean configured) {

    static ToolView of(Tool<?> tool) {
        return new ToolView(tool.name(), tool.description(), tool.backend(), tool.configured());
    }
}
