// The public face of the notifications module: what other modules and the composition root may
// use. Everything else in this folder is internal.
export { createNotifications, type Notifications, type NotifyInput, type SmsCommand, type SmsCommandContext } from './notifications.service.ts';
export { registerNotificationRoutes } from './notifications.routes.tsx';
export { alertDeadMail, alertAdministrators, type AdminAlert } from './admin-alerts.ts';
export { notificationRetentionRules } from './notifications.retention.ts';
