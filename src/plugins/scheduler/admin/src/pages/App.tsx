import { Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/admin/strapi-admin';
import { CalendarPage } from './CalendarPage';
import { TasksPage } from './TasksPage';

/** The plugin's pages under /admin/plugins/scheduler. */
const App = () => (
  <Routes>
    <Route index element={<CalendarPage />} />
    <Route path="tasks" element={<TasksPage />} />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);

export default App;
