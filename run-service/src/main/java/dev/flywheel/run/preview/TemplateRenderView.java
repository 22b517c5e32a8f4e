package dev.flywheel.run.preview;

/** The rendered prompt of a preview. */
public record TemplateRenderView(String output) {
}
