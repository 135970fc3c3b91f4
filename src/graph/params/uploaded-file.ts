/** A file part of a multipart body (PHP CURLFile, Node/Python SDK file uploads). */
export interface UploadedFile {
  filename: string;
  mimetype: string;
  data: Buffer;
}

/** Only multipart decoding makes these: neither query strings nor JSON can hold a Buffer. */
export function isUploadedFile(value: unknown): value is UploadedFile {
  return typeof value === 'object' && value !== null && Buffer.isBuffer((value as { data?: unknown }).data);
}
