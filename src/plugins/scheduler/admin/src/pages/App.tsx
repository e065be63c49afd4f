import { Route, Routes } from 'react-router-dom';
import { Page } from '@strapi/admin/strapi-admin';
import { CalendarPage } from './CalendarPage';

/** The plugin's pages under /admin/plugins/scheduler. */
const App = () => (
  <Routes>
    <Route index element={<CalendarPage />} />
    <Route path="*" element={<Page.Error />} />
  </Routes>
);

export default App;
