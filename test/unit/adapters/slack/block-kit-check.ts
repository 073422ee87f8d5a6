// Owns checking rendered Block Kit JSON against Slack's published limits, for the renderer tests.
import { BLOCK_KIT } from '../../../../src/adapters/slack/block-kit-limits.js';

type Json = Record<string, unknown>;

/** Every limit broken, as readable lines; empty when the message is within Block Kit's rules. */
export function blockKitProblems(blocks: readonly Json[], surface: 'message' | 'view' = 'message'): string[] {
  const problems: string[] = [];
  const max = surface === 'message' ? BLOCK_KIT.messageBlocks : BLOCK_KIT.viewBlocks;
  const check = (ok: boolean, what: string) => void (ok || problems.push(what));
  check(blocks.length <= max, `${blocks.length} blocks > ${max}`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  blocks.forEach((b, i) => {
    const at = `block ${i} (${String(b.type)} ${String(b.block_id ?? '')})`;
    if (b.block_id !== undefined) {
      check(String(b.block_id).length <= BLOCK_KIT.blockId, `${at}: block_id too long`);
      check(!blockIds.has(String(b.block_id)), `${at}: duplicate block_id`);
      blockIds.add(String(b.block_id));
    }
    const text = (b.text as Json | undefined)?.text as string | undefined;
    if (b.type === 'header') check((text ?? '').length <= BLOCK_KIT.headerText, `${at}: header ${text?.length} > ${BLOCK_KIT.headerText}`);
    if (b.type === 'section') {
      if (text !== undefined) check(text.length <= BLOCK_KIT.sectionText, `${at}: text ${text.length} > ${BLOCK_KIT.sectionText}`);
      const fields = (b.fields as Json[] | undefined) ?? [];
      check(fields.length <= BLOCK_KIT.fields, `${at}: ${fields.length} fields`);
      fields.forEach((f) => check(String(f.text).length <= BLOCK_KIT.fieldText, `${at}: field ${String(f.text).length} > ${BLOCK_KIT.fieldText}`));
    }
    if (b.type === 'context') {
      const elements = b.elements as Json[];
      check(elements.length <= BLOCK_KIT.contextElements, `${at}: ${elements.length} context elements`);
      elements.forEach((e) => check(String(e.text).length <= BLOCK_KIT.contextText, `${at}: context text ${String(e.text).length}`));
    }
    if (b.type === 'actions') {
      const elements = b.elements as Json[];
      check(elements.length <= BLOCK_KIT.actionsElements, `${at}: ${elements.length} elements > ${BLOCK_KIT.actionsElements}`);
      for (const e of elements) {
        const id = String(e.action_id);
        check(id.length <= BLOCK_KIT.actionId, `${at}: action_id too long`);
        check(!actionIds.has(id), `${at}: duplicate action_id ${id}`);
        actionIds.add(id);
        check(String((e.text as Json).text).length <= BLOCK_KIT.buttonText, `${at}: button text too long`);
        check(String(e.value ?? '').length <= BLOCK_KIT.buttonValue, `${at}: button value too long`);
      }
    }
  });
  return problems;
}
