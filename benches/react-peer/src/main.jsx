// The React peer: the guide's providers around a dashboard that uses the guide's hooks.
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from 'react-query';
import { BrowserRouter, Routes, Route } from 'react-router-dom';
import { queryClient } from './config/queryClient';
import Dashboard from './components/Dashboard';
import Callback from './components/Callback';
import RequireToken from './components/RequireToken';

createRoot(document.getElementById('root')).render(
  <QueryClientProvider client={queryClient}>
    <BrowserRouter>
      <Routes>
        <Route path="/callback" element={<Callback />} />
        <Route path="*" element={<RequireToken><Dashboard /></RequireToken>} />
      </Routes>
    </BrowserRouter>
  </QueryClientProvider>
);
