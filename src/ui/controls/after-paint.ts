/**
 * Run something in a task of its own after the next paint, so what the person waits for (the
 * funnel) is drawn before work they can wait a frame for (the filter lists beside it). On a
 * million rows, drawing both in one task blocked the page for 60–110 ms.
 *
 * The frame callback runs just before a paint; a timeout set from it runs after that paint. A
 * hidden tab paints no frames, so a plain timeout runs it anyway if no frame comes.
 *
 * @example
 * const cancel = afterPaint(() => (ready = true)); // later: cancel() if no longer wanted
 */
export function afterPaint(run: () => void): () => void {
  let done = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const once = () => {
    if (done) return;
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(fallback);
    run();
  };
  const frame = requestAnimationFrame(() => (timer = setTimeout(once, 0)));
  const fallback = setTimeout(once, 100);
  return () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(fallback);
  };
}
