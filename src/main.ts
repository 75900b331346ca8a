import { mount } from 'svelte';
import App from './App.svelte';
import './app.css';

mount(App, { target: document.getElementById('app')! });

// Offline after the first visit: the service worker (written by vite.offline.ts into production
// builds only) caches the app shell. After load, so it never competes with the first render; a
// browser that refuses it simply stays online-only.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch(() => undefined);
  });
}
