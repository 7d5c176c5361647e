/**
 * A file in a chat reply. Teams only takes real file uploads through a consent flow, so the
 * file travels as an inline attachment (works locally and in the simulator) and its text in
 * a code block (works everywhere, ready to copy into the school's system).
 */
import type { ExportedFile } from '../../app/concerns/exportConcern.js';
import type { Reply } from './commandTypes.js';

/** Above this the text is left to the attachment alone (a chat message has a size cap). */
const MAX_INLINE_TEXT = 20_000;

/** A reply carrying `file`, introduced by `intro`. */
export function fileReply(file: ExportedFile, intro: string): Reply {
  const block =
    file.content.length <= MAX_INLINE_TEXT ? `\n\n\`\`\`\n${file.content.replace(/```/g, "'''")}\n\`\`\`` : '';
  return {
    type: 'message',
    textFormat: 'markdown',
    text: `${intro}${block}`,
    attachments: [
      {
        contentType: file.mimeType,
        name: file.filename,
        contentUrl: `data:${file.mimeType};base64,${Buffer.from(file.content, 'utf8').toString('base64')}`,
      },
    ],
  };
}
