/**
 * Text as the contract accepts it on one line (an item label, an own wish, a follow-up note):
 * control characters, such as a pasted tab or line break, become a space, and the ends are
 * trimmed. The contract refuses control characters rather than cleaning them, so a phone cleans
 * first and a pasted line is sent rather than refused.
 */
export const asOneLine = (text: string): string => text.replace(/\p{Cc}+/gu, ' ').trim();
