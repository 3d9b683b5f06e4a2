// The body editor: a rich-text area that takes paste from Word (the server sanitizes whatever arrives, so the
// browser's own paste is kept: headings, paragraphs, tables, bold). Uncontrolled: the parent reads html() on save.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

export interface BodyEditorHandle {
  html(): string;
  text(): string;
}

export const BodyEditor = forwardRef<BodyEditorHandle, { initialHtml: string; version: number }>(function BodyEditor(
  { initialHtml, version },
  ref,
) {
  const div = useRef<HTMLDivElement>(null);
  // Reset only when a new revision is loaded, never while the person types.
  useEffect(() => {
    if (div.current) div.current.innerHTML = initialHtml;
  }, [version]); // eslint-disable-line react-hooks/exhaustive-deps
  useImperativeHandle(ref, () => ({
    html: () => div.current?.innerHTML ?? '',
    text: () => div.current?.innerText ?? '',
  }));
  return (
    <div
      ref={div}
      className="body-editor"
      contentEditable
      suppressContentEditableWarning
      role="textbox"
      aria-multiline="true"
      aria-label="正文"
      data-testid="body-editor"
      tabIndex={0}
    />
  );
});
