import { createApp } from 'vue';
// Registers the three elements.
import 'okta-signin-elements';
import App from './App.vue';

createApp(App).mount('#app');
