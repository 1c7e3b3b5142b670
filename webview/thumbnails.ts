/**
 * The webview URL of an image sample's thumbnail: the dataset folder's webview URI plus the
 * image's '/'-separated path inside it, each segment percent-encoded. Null when the path could
 * leave the folder (the host's localResourceRoots would refuse it anyway).
 */
export function thumbnailUrl(root: string | null, image: string | undefined): string | null {
  if (!root || !image) return null;
  const segments = image.split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\'))) return null;
  return `${root.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`;
}
