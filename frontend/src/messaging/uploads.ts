// POST /uploads (F21): one file, checked by the server against WhatsApp's types and limits.

export interface Uploaded {
  id: string;
  fileName: string;
  mimeType: string;
  size: number;
  kind: string;
}

/** WhatsApp takes at most this many attachments per message. */
export const MAX_ATTACHMENTS = 5;

/** What the file picker offers (the server decides by content anyway). */
export const ACCEPT =
  'image/jpeg,image/png,image/webp,video/mp4,video/3gpp,audio/aac,audio/amr,audio/mpeg,audio/mp4,audio/ogg,' +
  'text/plain,application/pdf,application/msword,application/vnd.ms-excel,application/vnd.ms-powerpoint,' +
  '.docx,.xlsx,.pptx,.doc,.xls,.ppt,.txt,.pdf,.jpg,.jpeg,.png,.webp,.mp4,.3gp,.aac,.amr,.mp3,.m4a,.ogg,.opus';

/** Uploads `file`; rejects with the server's reason (e.g. the type or size WhatsApp refuses). */
export async function uploadFile(file: File): Promise<Uploaded> {
  const form = new FormData();
  form.append('file', file, file.name);
  const res = await fetch('/uploads', {
    method: 'POST',
    body: form,
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'parley' },
  });
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON
  }
  if (!res.ok) {
    const message =
      (body as { error?: { message?: string } } | null)?.error?.message ?? `${res.status} ${res.statusText}`;
    throw new Error(message);
  }
  return body as Uploaded;
}
