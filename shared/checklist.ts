/**
 * The neutral aftercare items every checklist starts with. Ids are stable (content events refer to
 * them), labels are what people read.
 */
export const DEFAULT_CHECKLIST_ITEMS = [
  { id: 'default-water', label: 'Water' },
  { id: 'default-food', label: 'Something to eat' },
  { id: 'default-warmth', label: 'A blanket or warmth' },
  { id: 'default-rest', label: 'Rest' },
  { id: 'default-closeness', label: 'A hug or closeness' },
  { id: 'default-talk', label: 'Talking it through' },
  { id: 'default-quiet', label: 'Quiet time / time alone' },
  { id: 'default-care', label: 'Tending to any marks or sore spots' },
] as const;
